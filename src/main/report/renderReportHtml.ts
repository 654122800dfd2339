import type { FactValue, Report } from '../../verifier/report'

/**
 * A report as one self-contained HTML page: no scripts, no external assets, print-friendly. Every value
 * from a report is escaped, because facts and details can carry text that came from an endpoint.
 */
export function renderReportHtml(report: Report, meta: { createdAt: string; tool: string }): string {
  const verdictClass = report.verdict === 'verified' ? 'ok' : report.verdict === 'failed' ? 'fail' : 'warn'
  const checks = report.checks
    .map(
      (c) =>
        `<tr class="${c.status}"><td class="status">${esc(c.status.toUpperCase())}</td><td><code>${esc(c.id)}</code>${
          c.required ? '' : ' <span class="muted">(optional)</span>'
        }<div>${esc(c.title)}</div></td><td>${esc(c.detail)}</td></tr>`,
    )
    .join('\n')
  const trust = report.subject.trustRoot
    ? `<p><strong>Trust root:</strong> ${esc(report.subject.trustRoot.kind)} <code>${esc(report.subject.trustRoot.value)}</code></p>`
    : '<p><strong>Trust root:</strong> none (the checks stand on the data alone)</p>'
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Lightproof report: ${esc(report.subject.description)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:32px;color:#16181d;max-width:1000px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
.verdict{display:inline-block;padding:4px 12px;border-radius:6px;font-weight:700;color:#fff}
.verdict.ok{background:#1f8a4c}.verdict.fail{background:#c92a2a}.verdict.warn{background:#b7791f}
table{border-collapse:collapse;width:100%;margin:12px 0}td,th{border:1px solid #dde1e7;padding:6px 8px;vertical-align:top;text-align:left}
tr.pass .status{color:#1f8a4c}tr.fail .status{color:#c92a2a;font-weight:700}tr.skip .status,tr.error .status{color:#b7791f}
.muted{color:#5b6270}pre{white-space:pre-wrap;word-break:break-all;background:#f3f4f7;padding:10px;border-radius:6px}
@media print{body{margin:0}.verdict{border:1px solid #000;color:#000;background:none!important}}
</style></head><body>
<h1>Lightproof report</h1>
<p><span class="verdict ${verdictClass}">${esc(report.verdict.toUpperCase())}</span> ${esc(report.subject.description)}</p>
${trust}
<p class="muted">Subject kind: ${esc(report.subject.kind)} · created ${esc(meta.createdAt)} · ${esc(meta.tool)}</p>
<h2>Checks (${report.checks.length})</h2>
<table><thead><tr><th>Status</th><th>Check</th><th>Detail</th></tr></thead><tbody>
${checks}
</tbody></table>
<h2>Facts${report.verdict === 'verified' ? '' : ' (not verified)'}</h2>
<pre>${esc(renderFacts(report.facts))}</pre>
</body></html>
`
}

function renderFacts(facts: Record<string, FactValue>): string {
  return JSON.stringify(facts, null, 2)
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
