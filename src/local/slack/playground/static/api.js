/**
 * The page's only way to the server: the playground's JSON routes and its event stream. The
 * signing secret lives on the server, which signs and sends what these routes ask for.
 */

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(payload.error ?? `${method} ${path} failed with HTTP ${response.status}`);
  return payload;
}

export const api = {
  workspace: () => request('GET', '/playground/api/workspace'),
  state: (userId) => request('GET', `/playground/api/state?user=${encodeURIComponent(userId)}`),
  command: (body) => request('POST', '/playground/api/command', body),
  message: (body) => request('POST', '/playground/api/message', body),
  action: (body) => request('POST', '/playground/api/action', body),
  submit: (body) => request('POST', '/playground/api/submit', body),
  close: (body) => request('POST', '/playground/api/close', body),
  suggest: (body) => request('POST', '/playground/api/suggest', body),
  openHome: (body) => request('POST', '/playground/api/home', body),
  cloud: () => request('GET', '/playground/api/cloud'),
  setClockSpeed: (speed) => request('POST', '/playground/api/clock', { speed }),
};

/**
 * `slack` events say the workspace changed (refetch), `cloud` events carry the cloud state.
 * EventSource reconnects by itself after the server restarts.
 */
export function subscribe({ onSlackChange, onCloudState }) {
  const source = new EventSource('/playground/events');
  source.addEventListener('slack', () => onSlackChange());
  source.addEventListener('cloud', (event) => onCloudState(JSON.parse(event.data)));
  source.addEventListener('open', () => onSlackChange());
  return () => source.close();
}
