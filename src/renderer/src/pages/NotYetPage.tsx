export function NotYetPage({ route }: { route: { label: string; hint: string } }) {
  return (
    <section className="card" data-testid="not-yet">
      <h2>{route.label} is not yet available</h2>
      <p className="muted">
        This page arrives with its verifier. Until then the command line verifies the same data offline: run{' '}
        <code>lightproof --help</code> for the list.
      </p>
    </section>
  )
}
