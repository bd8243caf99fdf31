// Checks recorded HTTP answers against an OpenAPI 3.1 description:
//   node check-responses.mjs <openapi.json> <answers.json>
// answers.json is [{method, route, status, headers: {lower-case name: value}, body: JSON or null}], route being
// the description's path template. Each answer's operation and status must be described, its body must match
// the described schema (JSON Schema 2020-12, with ajv) and its described headers must be present when required
// and match their schemas. Prints one line per problem, then which described statuses no answer exercised,
// as JSON: {"problems": [...], "unexercised": ["GET /api/todos 502", ...]}. Exits 1 on any problem.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [specPath, answersPath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const answers = JSON.parse(readFileSync(answersPath, 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(spec, 'openapi.json');

/** Follows a local $ref ("#/components/...") to what it names. */
const resolve = (node) => {
  while (node && node.$ref) {
    node = node.$ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((n, p) => n?.[p], spec);
  }
  return node;
};

const validator = (schema) => {
  if (schema.$ref?.startsWith('#/components/schemas/')) return ajv.getSchema(`openapi.json${schema.$ref}`);
  return ajv.compile(schema);
};

const problems = [];
const exercised = new Set();
for (const answer of answers) {
  const name = `${answer.method} ${answer.route} ${answer.status}`;
  const operation = spec.paths[answer.route]?.[answer.method.toLowerCase()];
  if (!operation) {
    problems.push(`${name}: no such operation is described`);
    continue;
  }
  const described = operation.responses[String(answer.status)];
  if (!described) {
    problems.push(`${name}: the status is not described (described: ${Object.keys(operation.responses).join(', ')})`);
    continue;
  }
  exercised.add(name);
  const response = resolve(described);
  const media = response.content?.['application/json'];
  if (media) {
    if (answer.body === null || answer.body === undefined) problems.push(`${name}: a JSON body is described, none came`);
    else {
      const validate = validator(media.schema);
      if (!validate(answer.body)) problems.push(`${name}: body ${ajv.errorsText(validate.errors)}`);
    }
  } else if (answer.body !== null && answer.body !== undefined) {
    problems.push(`${name}: no body is described, one came`);
  }
  for (const [header, ref] of Object.entries(response.headers ?? {})) {
    const definition = resolve(ref);
    const value = answer.headers[header.toLowerCase()];
    if (value === undefined) {
      if (definition.required) problems.push(`${name}: the required header ${header} is missing`);
      continue;
    }
    const validate = ajv.compile(definition.schema);
    if (!validate(value)) problems.push(`${name}: header ${header} "${value}" ${ajv.errorsText(validate.errors)}`);
  }
}

const unexercised = [];
for (const [route, item] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (method === 'parameters') continue;
    for (const status of Object.keys(operation.responses)) {
      const name = `${method.toUpperCase()} ${route} ${status}`;
      if (!exercised.has(name)) unexercised.push(name);
    }
  }
}
for (const problem of problems) console.error(problem);
console.log(JSON.stringify({ problems, unexercised }));
process.exit(problems.length ? 1 : 0);
