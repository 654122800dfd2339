import { useState, type DragEvent } from 'react'
import type { InspectResult } from '../../../shared/contract/evidence'
import type { Report } from '../../../verifier/report'
import { api } from '../api'
import { RevealedReport } from '../components/RevealedReport'
import { SamplesCard } from '../components/SamplesCard'
import { FileStructureView } from '../components/FileStructureView'
import type { FileStructure } from '../../../verifier/kinds/describeStructure'
import { bytesToBase64 } from '../download'

/** Files above this size are refused before they are read into the page. */
const MAX_FILE_BYTES = 64 * 1024 * 1024

/**
 * Open any proof or evidence file, see what it is, and verify it offline against a root you trust (or the
 * one an evidence file carries). Nothing here needs an endpoint.
 */
export function InspectorPage() {
  const [file, setFile] = useState<{ name: string; base64: string; size: number } | null>(null)
  const [root, setRoot] = useState('')
  const [result, setResult] = useState<InspectResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [dragging, setDragging] = useState(false)
  const [sampleReport, setSampleReport] = useState<Report | null>(null)

  async function load(f: File) {
    setError(null)
    setResult(null)
    if (f.size > MAX_FILE_BYTES) {
      setError(`${f.name} is ${f.size} bytes, over the ${MAX_FILE_BYTES}-byte limit`)
      return
    }
    const bytes = new Uint8Array(await f.arrayBuffer())
    const next = { name: f.name, base64: bytesToBase64(bytes), size: f.size }
    setFile(next)
    await inspect(next, root)
  }

  async function inspect(f = file, r = root) {
    if (!f) return
    setBusy(true)
    setError(null)
    try {
      setResult(
        await api.inspectFile({ name: f.name, base64: f.base64, root: r.trim() === '' ? null : r.trim() }),
      )
    } catch (err) {
      setResult(null)
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const f = e.dataTransfer.files[0]
    if (f) void load(f)
  }

  return (
    <>
      <section className="card">
        <div
          className={`dropzone ${dragging ? 'active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault()
            setDragging(true)
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>Drop a proof or evidence file here, or choose one.</p>
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Proof or evidence file to inspect"
            data-testid="inspector-file"
            onChange={(e) => {
              const f = e.target.files?.[0]
              if (f) void load(f)
            }}
          />
          <p className="muted small">
            eth_getProof and zks_getProof results, Verkle execution witnesses (or blocks holding one), beacon
            bootstraps and updates, EIP-7864 binary-tree proofs (draft), Lightproof evidence files.
          </p>
        </div>
        {file && (
          <p className="muted">
            {file.name} · {file.size.toLocaleString()} bytes
            {result && <> · {result.detection.description}</>}
          </p>
        )}
        {result?.detection.needsRoot && (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault()
              void inspect()
            }}
          >
            <label className="field" style={{ flex: 1 }}>
              <span>{result.detection.needsRoot.label}</span>
              <input
                value={root}
                placeholder="0x…"
                spellCheck={false}
                onChange={(e) => setRoot(e.target.value)}
                data-testid="inspector-root"
              />
            </label>
            <button type="submit" className="primary" disabled={busy} data-testid="inspector-verify">
              {busy ? 'Verifying…' : 'Verify'}
            </button>
          </form>
        )}
        {result?.reason && (
          <p className="warn-text" data-testid="inspector-reason">
            {result.reason}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert" data-testid="inspector-error">
            {error}
          </p>
        )}
      </section>
      {result?.outcome && <RevealedReport report={result.outcome.report} />}
      {!result && (
        <SamplesCard
          onVerified={(r) => {
            setSampleReport(r)
          }}
        />
      )}
      {!result && sampleReport && <RevealedReport report={sampleReport} />}
      {result && result.structure !== null && (
        <FileStructureView structure={result.structure as FileStructure} />
      )}
    </>
  )
}
