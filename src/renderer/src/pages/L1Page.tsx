import { NotYetPage } from './NotYetPage'

/** The L1 balances page; its verifier is available from the command line until the online flow lands here. */
export function L1Page() {
  return <NotYetPage route={{ label: 'L1 balances', hint: '' }} />
}
