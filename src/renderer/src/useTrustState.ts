import { useEffect, useState } from 'react'
import type { Progress } from '../../shared/contract/common'
import type { TrustState } from '../../shared/contract/trust'
import { api } from './api'

/**
 * The trust state from the services, refreshed whenever they announce a change (`trust`, `trusted-head`,
 * `settings`), plus the progress of a sync in flight.
 */
export function useTrustState() {
  const [state, setState] = useState<TrustState | null>(null)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const load = () =>
      api.getTrustState().then(
        (s) => {
          if (!live) return
          setState(s)
          setError(null)
        },
        (err: unknown) => {
          if (live) setError(err instanceof Error ? err.message : String(err))
        },
      )
    void load()
    const off = api.onEvent((event) => {
      if (event.topic === 'trust' || event.topic === 'trusted-head' || event.topic === 'settings') void load()
      if (event.topic === 'progress') {
        const p = event.payload as Progress
        if (p.kind === 'beaconSync') setProgress(p.finished ? null : p)
      }
    })
    return () => {
      live = false
      off()
    }
  }, [])

  return { state, progress, error }
}

/** "5 min", "3 h", "12 days" — ages as a person reads them. */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'unknown'
  if (seconds < 0) return `${-seconds} s in the future`
  if (seconds < 120) return `${seconds} s`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`
  return `${Math.round(seconds / 86_400)} days`
}
