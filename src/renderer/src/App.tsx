import { useEffect, useState } from 'react'
import { ROUTES, routeFromHash, type RouteId } from './routes'
import { useAppState } from './useStatus'
import { StatusBar } from './components/StatusBar'
import { TrustPage } from './pages/TrustPage'
import { SettingsPage } from './pages/SettingsPage'
import { L1Page } from './pages/L1Page'
import { ZksyncPage } from './pages/ZksyncPage'
import { BatchesPage } from './pages/BatchesPage'
import { BridgePage } from './pages/BridgePage'
import { WatchPage } from './pages/WatchPage'
import { InspectorPage } from './pages/InspectorPage'
import { HistoryPage } from './pages/HistoryPage'

export function App() {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(window.location.hash))
  const { status, settings, setSettings, error } = useAppState()

  useEffect(() => {
    const onHash = () => setRoute(routeFromHash(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  useEffect(() => {
    const theme = settings?.theme ?? 'system'
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [settings?.theme])

  const current = ROUTES.find((r) => r.id === route) ?? ROUTES[0]

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Lightproof
        </div>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a
                href={`#/${r.id}`}
                className={r.id === route ? 'active' : undefined}
                aria-current={r.id === route ? 'page' : undefined}
                data-testid={`nav-${r.id}`}
              >
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <header className="page-header">
          <h1>{current.label}</h1>
          <p className="hint">{current.hint}</p>
        </header>
        {error && (
          <div className="banner error" role="alert">
            Cannot reach the Lightproof services: {error}
          </div>
        )}
        {status?.notices.map((n) => (
          <div className="banner warning" role="status" key={n}>
            {n}
          </div>
        ))}
        {status && !status.trustedHead && route !== 'inspector' && route !== 'settings' && (
          <div className="banner info" role="status" data-testid="samples-offer">
            New here, or no endpoint reachable? <a href="#/inspector">Verify a real sample offline</a> in one
            click.
          </div>
        )}
        {route === 'trust' && <TrustPage status={status} />}
        {route === 'l1' && <L1Page />}
        {route === 'zksync' && <ZksyncPage />}
        {route === 'batches' && <BatchesPage />}
        {route === 'bridge' && <BridgePage />}
        {route === 'watch' && <WatchPage />}
        {route === 'inspector' && <InspectorPage />}
        {route === 'history' && <HistoryPage />}
        {route === 'settings' && <SettingsPage settings={settings} onSaved={setSettings} />}
      </main>
      <StatusBar status={status} />
    </div>
  )
}
