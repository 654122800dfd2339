import { useState, type FormEvent } from 'react'
import type { Settings } from '../../../shared/settings'
import { api } from '../api'
import { EndpointTest } from '../components/EndpointTest'

type Draft = {
  network: string
  beacon: string
  l1Rpc: string
  zksyncRpc: string
  gatewayRpc: string
  checkpointProviders: string
  checkpoint: string
  theme: string
}

const toDraft = (s: Settings): Draft => ({
  network: s.network,
  beacon: s.endpoints.beacon.join('\n'),
  l1Rpc: s.endpoints.l1Rpc.join('\n'),
  zksyncRpc: s.endpoints.zksyncRpc.join('\n'),
  gatewayRpc: s.endpoints.gatewayRpc.join('\n'),
  checkpointProviders: s.endpoints.checkpointProviders.join('\n'),
  checkpoint: s.checkpoint ?? '',
  theme: s.theme,
})

const lines = (text: string) =>
  text
    .split(/[\n,]+/)
    .map((l) => l.trim())
    .filter(Boolean)

export function SettingsPage({
  settings,
  onSaved,
}: {
  settings: Settings | null
  onSaved: (s: Settings) => void
}) {
  if (!settings) return <p className="muted">Loading settings…</p>
  return <SettingsForm initial={settings} onSaved={onSaved} />
}

function SettingsForm({ initial, onSaved }: { initial: Settings; onSaved: (s: Settings) => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial))
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [saving, setSaving] = useState(false)

  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value })

  /** The form's network and endpoints as typed: saved, or tested before (or without) saving. */
  const draftRequest = () => ({
    network: draft.network.trim(),
    endpoints: {
      beacon: lines(draft.beacon),
      l1Rpc: lines(draft.l1Rpc),
      zksyncRpc: lines(draft.zksyncRpc),
      gatewayRpc: lines(draft.gatewayRpc),
      checkpointProviders: lines(draft.checkpointProviders),
    },
  })

  async function save(e: FormEvent) {
    e.preventDefault()
    setSaving(true)
    try {
      const next = await api.updateSettings({
        ...draftRequest(),
        checkpoint: draft.checkpoint.trim() === '' ? null : draft.checkpoint.trim(),
        theme: draft.theme as Settings['theme'],
      })
      onSaved(next)
      setDraft(toDraft(next))
      setMessage({ kind: 'ok', text: 'Settings saved.' })
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) })
    } finally {
      setSaving(false)
    }
  }

  async function reset() {
    const next = await api.resetSettings()
    onSaved(next)
    setDraft(toDraft(next))
    setMessage({ kind: 'ok', text: 'Defaults restored.' })
  }

  return (
    <form className="card settings" onSubmit={save} data-testid="settings-form">
      <h2>Endpoints</h2>
      <p className="muted">
        Endpoints only locate data: every answer they give is verified, never trusted. They do learn which
        addresses you ask about. One URL per line; several L1 endpoints are cross-checked.
      </p>
      <Field label="Beacon API" id="beacon" multiline value={draft.beacon} onChange={set('beacon')} />
      <Field label="L1 JSON-RPC" id="l1Rpc" multiline value={draft.l1Rpc} onChange={set('l1Rpc')} />
      <Field
        label="ZKsync JSON-RPC"
        id="zksyncRpc"
        multiline
        value={draft.zksyncRpc}
        onChange={set('zksyncRpc')}
      />
      <Field
        label="ZKsync Gateway JSON-RPC (optional: proves batches that settled on Gateway)"
        id="gatewayRpc"
        multiline
        value={draft.gatewayRpc}
        placeholder="empty: batches that settled on Gateway stay incomplete"
        onChange={set('gatewayRpc')}
      />
      <EndpointTest request={draftRequest} />
      <h2>Trust</h2>
      <Field label="Network" id="network" value={draft.network} onChange={set('network')} />
      <Field
        label="Pinned checkpoint (beacon block root)"
        id="checkpoint"
        value={draft.checkpoint}
        placeholder="empty: the last verified state, else the shipped checkpoint"
        onChange={set('checkpoint')}
      />
      <Field
        label="Checkpoint-sync providers (Trust page: “Ask checkpoint providers”; two must agree)"
        id="checkpointProviders"
        multiline
        value={draft.checkpointProviders}
        placeholder="empty: the built-in list for the network"
        onChange={set('checkpointProviders')}
      />
      <h2>Appearance</h2>
      <label className="field">
        <span>Theme</span>
        <select
          value={draft.theme}
          onChange={(e) => set('theme')(e.target.value)}
          data-testid="setting-theme"
        >
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving} data-testid="settings-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => void reset()}>
          Restore defaults
        </button>
        {message && (
          <span
            className={message.kind === 'ok' ? 'ok-text' : 'error-text'}
            role="status"
            data-testid="settings-message"
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  )
}

function Field(props: {
  label: string
  id: string
  value: string
  onChange: (v: string) => void
  multiline?: boolean
  placeholder?: string
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.multiline ? (
        <textarea
          rows={2}
          value={props.value}
          spellCheck={false}
          placeholder={props.placeholder}
          onChange={(e) => props.onChange(e.target.value)}
          data-testid={`setting-${props.id}`}
        />
      ) : (
        <input
          value={props.value}
          spellCheck={false}
          placeholder={props.placeholder}
          onChange={(e) => props.onChange(e.target.value)}
          data-testid={`setting-${props.id}`}
        />
      )}
    </label>
  )
}
