import type { FunctionComponent } from 'preact';
import { CheckView } from './views/check.js';
import { DiagnoseView } from './views/diagnose.js';
import { FleetView } from './views/fleet.js';
import { HistoryView } from './views/history.js';
import { SimulateView } from './views/simulate.js';

export interface ViewProps {
  params: URLSearchParams;
}

/** The views, in menu order; the address is `#/<id>?<params>`. A new view is one more row. */
export const VIEWS: readonly { id: string; component: FunctionComponent<ViewProps> }[] = [
  { id: 'diagnose', component: DiagnoseView },
  { id: 'check', component: CheckView },
  { id: 'simulate', component: SimulateView },
  { id: 'history', component: HistoryView },
  { id: 'fleet', component: FleetView },
];

export interface Route {
  view: (typeof VIEWS)[number];
  params: URLSearchParams;
  /** The address as written, so that reopening the same one re-renders the view. */
  key: string;
}

export function routeOf(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = VIEWS.find((v) => v.id === path) ?? VIEWS[0]!;
  return { view, params: new URLSearchParams(query), key: hash };
}
