// The local host's X-Ray API (at the path config.json names, /_xray), in the X-Ray service's own shapes:
// GetTraceSummaries and BatchGetTraces.

export interface TraceSummary {
  Id: string;
  StartTime: number;
  Duration: number;
  ResponseTime: number;
  HasFault: boolean;
  HasError: boolean;
  HasThrottle: boolean;
  Http?: { HttpURL?: string; HttpStatus?: number; HttpMethod?: string };
  EntryPoint?: { Name?: string; Type?: string };
  Annotations: Record<string, { AnnotationValue: { StringValue?: string; NumberValue?: number; BooleanValue?: boolean } }[]>;
}

/** A segment or subsegment document, as X-Ray stores it. */
export interface XRayDocument {
  id: string;
  name: string;
  start_time: number;
  end_time?: number;
  origin?: string;
  namespace?: string;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  annotations?: Record<string, string | number | boolean>;
  aws?: Record<string, unknown>;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  cause?: { exceptions?: { type?: string; message?: string }[] };
  subsegments?: XRayDocument[];
}

export interface Trace {
  Id: string;
  Duration: number;
  Segments: { Id: string; Document: string }[];
}

async function post<T>(api: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${api}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The X-Ray API answered ${response.status}`);
  return (await response.json()) as T;
}

/** The traces of the last hour, newest first; with a filter, only those it matches. */
export async function traceSummaries(api: string, filter?: string): Promise<TraceSummary[]> {
  const now = Date.now() / 1000;
  const answer = await post<{ TraceSummaries: TraceSummary[] }>(api, 'TraceSummaries', {
    StartTime: now - 3600,
    EndTime: now + 60,
    ...(filter ? { FilterExpression: filter } : {}),
  });
  return answer.TraceSummaries.sort((a, b) => b.StartTime - a.StartTime);
}

export async function trace(api: string, id: string): Promise<Trace | null> {
  const answer = await post<{ Traces: Trace[] }>(api, 'Traces', { TraceIds: [id] });
  return answer.Traces[0] ?? null;
}

/** The newest trace of a command on the todo: its last change. */
export async function lastChangeOf(api: string, todoId: string): Promise<TraceSummary | null> {
  const summaries = await traceSummaries(api, `annotation.todo_id = "${todoId}"`);
  return summaries.find((s) => s.Annotations.command !== undefined) ?? null;
}
