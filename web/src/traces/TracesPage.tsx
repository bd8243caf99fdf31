import { useCallback, useEffect, useState } from 'react';
import { lastChangeOf, trace as readTrace, traceSummaries, type Trace, type TraceSummary } from './xray';
import { responseEnd, rows } from './waterfall';
import './traces.css';

const REFRESH_MS = 2000;

function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function ms(seconds: number): string {
  return `${(seconds * 1000).toFixed(1)} ms`;
}

/** The trace viewer: the local host's recent traces, and the waterfall of one, read through the X-Ray API at `xrayApi`. */
export default function TracesPage({ xrayApi }: { xrayApi: string }) {
  const params = new URLSearchParams(window.location.search);
  const [summaries, setSummaries] = useState<TraceSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(params.get('trace'));
  const [todo] = useState<string | null>(params.get('todo'));
  const [detail, setDetail] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);

  const select = useCallback((id: string) => {
    setSelected(id);
    window.history.replaceState(null, '', `/traces?trace=${encodeURIComponent(id)}`);
  }, []);

  useEffect(() => {
    if (!todo || selected) return;
    lastChangeOf(xrayApi, todo)
      .then((found) => (found ? select(found.Id) : setError(`No trace of a change to todo ${todo} is kept.`)))
      .catch((e: unknown) => setError(String(e)));
  }, [xrayApi, todo, selected, select]);

  // The projection is recorded after the response, so both the list and the open trace are read again while the page is open.
  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const list = await traceSummaries(xrayApi);
        const open = selected ? await readTrace(xrayApi, selected) : null;
        if (!live) return;
        setSummaries(list);
        setDetail(open);
        setError(null);
      } catch (e) {
        if (live) setError(String(e));
      }
    };
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [xrayApi, selected]);

  return (
    <main className="traces">
      <header className="traces-header">
        <h1>Traces</h1>
        <a href="/">Back to the todos</a>
      </header>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {detail && <Waterfall trace={detail} />}
      <section aria-label="Recent traces">
        <h2>Recent traces</h2>
        {!summaries && <p className="status">Loading traces…</p>}
        {summaries && summaries.length === 0 && <p className="status">No traces yet: use the app, and its requests show here.</p>}
        {summaries && summaries.length > 0 && (
          <table className="trace-list" data-testid="trace-list">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Status</th>
                <th scope="col">Response</th>
                <th scope="col">Duration</th>
                <th scope="col">Trace</th>
              </tr>
            </thead>
            <tbody>
              {summaries.map((s) => (
                <tr
                  key={s.Id}
                  data-testid="trace-row"
                  data-trace-id={s.Id}
                  className={[s.Id === selected && 'selected', (s.HasFault || s.HasError) && 'failed'].filter(Boolean).join(' ')}
                >
                  <td>{new Date(s.StartTime * 1000).toLocaleTimeString()}</td>
                  <td>{s.Http?.HttpMethod ?? '—'}</td>
                  <td>{s.Http?.HttpURL ? pathOf(s.Http.HttpURL) : `${s.EntryPoint?.Name ?? ''} (no request: a stream batch)`}</td>
                  <td>{s.Http?.HttpStatus ?? (s.HasFault ? 'fault' : 'ok')}</td>
                  <td>{ms(s.ResponseTime)}</td>
                  <td>{ms(s.Duration)}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => select(s.Id)} aria-pressed={s.Id === selected}>
                      {s.Id}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function Waterfall({ trace }: { trace: Trace }) {
  const all = rows(trace);
  const start = Math.min(...all.map((r) => r.start));
  const end = Math.max(...all.map((r) => r.end));
  const total = Math.max(end - start, 1e-6);
  const answered = responseEnd(trace);
  const at = (t: number) => `${(((t - start) / total) * 100).toFixed(2)}%`;
  return (
    <section className="waterfall" aria-label={`Trace ${trace.Id}`} data-testid="waterfall" data-trace-id={trace.Id}>
      <h2>
        Trace <code>{trace.Id}</code> · {ms(total)}
      </h2>
      <ol className="waterfall-rows">
        {all.map((row) => {
          const late = answered !== undefined && row.start > answered;
          return (
            <li
              key={row.id}
              className={['waterfall-row', row.fault && 'fault', row.error && 'error', row.throttle && 'throttle', late && 'after-response'].filter(Boolean).join(' ')}
              data-testid="waterfall-row"
              data-name={row.name}
              data-kind={row.kind}
            >
              <span className="waterfall-name" style={{ paddingLeft: `${row.depth * 14}px` }}>
                {row.name}
                <span className="waterfall-kind">{row.kind}</span>
                {late && <span className="waterfall-late">after the response</span>}
              </span>
              <span className="waterfall-track">
                <span className="waterfall-bar" style={{ left: at(row.start), width: `max(2px, ${(((row.end - row.start) / total) * 100).toFixed(2)}%)` }} />
                {answered !== undefined && <span className="waterfall-response" style={{ left: at(answered) }} aria-hidden="true" />}
              </span>
              <span className="waterfall-time">{ms(row.end - row.start)}</span>
              {(row.details.length > 0 || row.cause) && (
                <span className="waterfall-details">
                  {row.details.map(([key, value]) => (
                    <span key={key} className="waterfall-annotation">
                      {key}=<strong>{value}</strong>
                    </span>
                  ))}
                  {row.cause && <span className="waterfall-cause">{row.cause}</span>}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
