import type { Trace, XRayDocument } from './xray';

/** One bar of the waterfall: a segment or subsegment, how deep it sits, and what it says. */
export interface Row {
  id: string;
  name: string;
  depth: number;
  start: number;
  end: number;
  kind: string;
  error: boolean;
  fault: boolean;
  throttle: boolean;
  details: [string, string][];
  cause?: string;
}

/** Every segment and subsegment of the trace, each under its parent, in time order. */
export function rows(trace: Trace): Row[] {
  const documents = trace.Segments.map((s) => JSON.parse(s.Document) as XRayDocument);
  const out: Row[] = [];
  const visit = (document: XRayDocument, depth: number) => {
    const details: [string, string][] = [];
    for (const [key, value] of Object.entries(document.annotations ?? {})) details.push([key, String(value)]);
    for (const key of ['operation', 'table_name', 'table_names', 'request_id', 'retries', 'function_name']) {
      const value = document.aws?.[key];
      if (value !== undefined && value !== null && value !== '') details.push([`aws.${key}`, Array.isArray(value) ? value.join(', ') : String(value)]);
    }
    if (document.http?.response?.status !== undefined) details.push(['http.status', String(document.http.response.status)]);
    const exception = document.cause?.exceptions?.[0];
    out.push({
      id: document.id,
      name: document.name,
      depth,
      start: document.start_time,
      end: document.end_time ?? document.start_time,
      kind: document.origin ?? (document.namespace === 'aws' ? 'AWS call' : depth === 0 ? 'segment' : 'subsegment'),
      error: document.error === true,
      fault: document.fault === true,
      throttle: document.throttle === true,
      details,
      cause: exception ? `${exception.type ?? ''}: ${exception.message ?? ''}` : undefined,
    });
    [...(document.subsegments ?? [])].sort((a, b) => a.start_time - b.start_time).forEach((child) => visit(child, depth + 1));
  };
  documents.sort((a, b) => a.start_time - b.start_time).forEach((d) => visit(d, 0));
  return out;
}

/** When the API answered: the end of the API Gateway stage segment, if the trace has one. */
export function responseEnd(trace: Trace): number | undefined {
  const stage = trace.Segments.map((s) => JSON.parse(s.Document) as XRayDocument).find((d) => d.origin === 'AWS::ApiGateway::Stage');
  return stage?.end_time;
}
