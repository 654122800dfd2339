import { EndpointError, errorMessage } from '../../../shared/errors'

/** What kind of failure an endpoint had, so the user is told what to do next, not only what broke. */
export type FailureClass =
  | 'offline-or-dns'
  | 'refused'
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'not-found'
  | 'access-denied'
  | 'state-pruned'
  | 'wrong-chain'
  | 'unsupported'
  | 'invalid-answer'
  | 'other'

export interface ClassifiedFailure {
  class: FailureClass
  message: string
  /** One sentence: what the user can do about it. */
  nextStep: string
}

const NEXT_STEP: Record<FailureClass, string> = {
  'offline-or-dns':
    'Check the internet connection and the host name; a typo in the URL looks the same as being offline.',
  refused: 'Nothing listens there: check the port, or start the node (for a local node, is it running?).',
  timeout:
    'The endpoint is slow or overloaded: try again, or add a second endpoint so the other one is used.',
  'rate-limited': 'The endpoint limits requests: wait a minute, or use an endpoint with a key of your own.',
  'server-error': 'The endpoint is failing on its side: try again later, or use another endpoint.',
  'not-found':
    'The endpoint does not serve this API at that URL: check the path (some need /v1 or a key in it).',
  'access-denied': 'The endpoint refused access: check its API key or URL.',
  'state-pruned': 'The node no longer keeps that state: use an archive endpoint, or sync to a fresher head.',
  'wrong-chain':
    'The endpoint serves another chain: check the network in Settings, or use an endpoint of it.',
  unsupported: 'The endpoint does not offer a method Lightproof needs: use another endpoint.',
  'invalid-answer':
    'The endpoint answered something that is not the API: check the URL points at the node itself.',
  other: 'Try again; if it persists, use another endpoint.',
}

function classOf(err: unknown): FailureClass {
  if (!(err instanceof EndpointError)) return 'other'
  const code = err.code
  const m = err.message
  if (code === 'endpoint.timeout') return 'timeout'
  if (code === 'endpoint.unreachable') {
    if (/ECONNREFUSED|bad port/.test(m)) return 'refused'
    if (/ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|getaddrinfo/.test(m)) return 'offline-or-dns'
    if (/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT/.test(m)) return 'timeout'
    return 'offline-or-dns'
  }
  if (code === 'endpoint.http-429') return 'rate-limited'
  // 404, or 405 from a JSON-RPC node asked a REST route: the URL does not serve this API.
  if (code === 'endpoint.http-404' || code === 'endpoint.http-405') return 'not-found'
  if (code === 'endpoint.http-401' || code === 'endpoint.http-403') return 'access-denied'
  if (/^endpoint\.http-5\d\d$/.test(code)) return 'server-error'
  if (code === 'endpoint.block-pruned' || code === 'endpoint.zks-proof-pruned' || /pruned/.test(m))
    return 'state-pruned'
  if (code === 'endpoint.wrong-chain') return 'wrong-chain'
  if (code === 'endpoint.method-unsupported' || code === 'endpoint.zks-proof-unsupported')
    return 'unsupported'
  if (
    code === 'endpoint.invalid-json' ||
    code === 'endpoint.protocol' ||
    code === 'endpoint.invalid-response'
  )
    return 'invalid-answer'
  return 'other'
}

/** The class of an endpoint failure, its message and the next step for the user. */
export function classifyFailure(err: unknown): ClassifiedFailure {
  const c = classOf(err)
  return { class: c, message: errorMessage(err), nextStep: NEXT_STEP[c] }
}
