import type { HistoryEntry, HistorySummary } from '../history/store.js';
import type { FleetFilter, FleetTunnel } from '../model/fleet.js';
import type { AnnotatedLine } from '../pipeline/annotate.js';
import type { Report } from '../pipeline/report.js';
import type { SimulationReport } from '../simulate/index.js';
import type { Dialect, Side } from '../simulate/trace.js';
import type { Language } from './i18n.js';

export type { Finding, Severity } from '../model/findings.js';
export type { Evidence } from '../model/lines.js';
export type { FleetTunnel, HistoryEntry, HistorySummary, Report, AnnotatedLine, SimulationReport };
export type { Dialect, Side };
export type { RunReport } from '../simulate/index.js';
export type { LadderStep } from '../simulate/ladder.js';

export interface Input {
  name: string;
  text: string;
}

/** An API error as the server states it (`{"error":{"code","message"}}`), or `network`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'ipsec-doctor.token';

/** A token given in the address (`?token=…`, as `serve` prints it) is kept for the tab and taken off the address. */
export function adoptTokenFromAddress(): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  setToken(token);
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export function setToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    memoryToken = token;
  }
}

let memoryToken: string | undefined;

function token(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

async function call<R>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<R> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t = token();
  if (t) headers['authorization'] = `Bearer ${t}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiFailure('network', '');
  }
  const json = (await response.json().catch(() => undefined)) as
    (R & { error?: { code?: string; message?: string } }) | undefined;
  if (!response.ok || json === undefined) {
    throw new ApiFailure(json?.error?.code ?? 'internal', json?.error?.message ?? response.statusText);
  }
  return json;
}

export interface AnalysisRequest {
  inputs: Input[];
  lang: Language;
  save: boolean;
}

/** `simulate`: exactly two inputs (A, B); by default both sides initiate and dialects follow the configurations. */
export interface SimulationRequest {
  inputs: [Input, Input];
  lang: Language;
  initiator?: Side;
  dialects?: Partial<Record<Side, Dialect>>;
}

export const api = {
  diagnose: (r: AnalysisRequest) => call<Report & { historyId?: number }>('POST', '/api/diagnose', r),
  check: (r: AnalysisRequest) => call<Report & { historyId?: number }>('POST', '/api/check', r),
  simulate: (r: SimulationRequest) => call<SimulationReport>('POST', '/api/simulate', r),
  annotate: (r: Omit<AnalysisRequest, 'save'>) =>
    call<{ lines: AnnotatedLine[] }>('POST', '/api/annotate', r).then((a) => a.lines),
  history: (q: { peer?: string; code?: string }) =>
    call<{ entries: HistorySummary[] }>('GET', `/api/history?${query(q)}`).then((h) => h.entries),
  entry: (id: number) => call<HistoryEntry>('GET', `/api/history/${id}`),
  forget: (id: number) => call<{ deleted: number }>('DELETE', `/api/history/${id}`),
  fleet: (f: FleetFilter) =>
    call<{ tunnels: FleetTunnel[] }>('GET', `/api/fleet?${query(f)}`).then((r) => r.tunnels),
};

function query(q: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (typeof v === 'string' && v.trim() !== '') p.set(k, v.trim());
  return p.toString();
}
