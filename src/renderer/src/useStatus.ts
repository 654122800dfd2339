import { useEffect, useState } from 'react'
import type { Settings } from '../../shared/settings'
import type { Status } from '../../shared/api'
import { api } from './api'

/** Status and settings, refreshed whenever a service announces a change. */
export function useAppState() {
  const [status, setStatus] = useState<Status | null>(null)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const load = () =>
      Promise.all([api.getStatus(), api.getSettings()]).then(
        ([s, st]) => {
          if (!live) return
          setStatus(s)
          setSettings(st)
          setError(null)
        },
        (err: unknown) => {
          if (live) setError(err instanceof Error ? err.message : String(err))
        },
      )
    void load()
    const off = api.onEvent((event) => {
      if (event.topic === 'settings' || event.topic === 'trusted-head') void load()
    })
    return () => {
      live = false
      off()
    }
  }, [])

  return { status, settings, setSettings, error }
}
