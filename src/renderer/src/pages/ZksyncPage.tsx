import { NotYetPage } from './NotYetPage'

/** The ZKsync balances page; its verifier is available from the command line until the online flow lands here. */
export function ZksyncPage() {
  return <NotYetPage route={{ label: 'ZKsync balances', hint: '' }} />
}
