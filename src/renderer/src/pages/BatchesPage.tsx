import { NotYetPage } from './NotYetPage'

/** The ZKsync batches page; its verifier is available from the command line until the online flow lands here. */
export function BatchesPage() {
  return <NotYetPage route={{ label: 'ZKsync batches', hint: '' }} />
}
