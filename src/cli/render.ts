import type { FactValue, Report } from '../verifier/report'

const MARK = { pass: 'ok  ', fail: 'FAIL', skip: 'skip', error: 'ERR ' } as const

/** The human form of a report: the verdict first, then every check, then the facts. */
export function renderReport(report: Report): string {
  const lines: string[] = []
  lines.push(`${report.verdict.toUpperCase()}  ${report.subject.description}`)
  if (report.subject.trustRoot) {
    lines.push(`trust root: ${report.subject.trustRoot.kind} ${report.subject.trustRoot.value}`)
  }
  lines.push('checks:')
  for (const c of report.checks) {
    const optional = c.required ? '' : ' (optional)'
    lines.push(`  [${MARK[c.status]}] ${c.id}: ${c.title}${optional}${c.detail ? ` — ${c.detail}` : ''}`)
  }
  const factLines = renderFacts(report.facts, '  ')
  if (factLines.length > 0) {
    lines.push(report.verdict === 'verified' ? 'facts (verified):' : 'facts (NOT verified):')
    lines.push(...factLines)
  }
  const timings = Object.entries(report.timings)
  if (timings.length > 0)
    lines.push(`timings: ${timings.map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`)
  return lines.join('\n')
}

function renderFacts(facts: Record<string, FactValue>, indent: string): string[] {
  const out: string[] = []
  for (const [key, value] of Object.entries(facts)) {
    if (value !== null && typeof value === 'object') {
      out.push(`${indent}${key}:`)
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          if (item !== null && typeof item === 'object') {
            out.push(`${indent}  [${i}]`)
            out.push(...renderFacts(item as Record<string, FactValue>, `${indent}    `))
          } else out.push(`${indent}  - ${String(item)}`)
        })
      } else out.push(...renderFacts(value, `${indent}  `))
    } else out.push(`${indent}${key}: ${String(value)}`)
  }
  return out
}
