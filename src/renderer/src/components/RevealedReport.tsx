import { useEffect, useRef, type ReactNode } from 'react'
import type { Report } from '../../../verifier/report'
import { ReportView } from './ReportView'

/**
 * A report that appeared because the user clicked something above it (a sample's Verify, the Inspector's
 * Verify): it is scrolled into view and focused, so the click visibly answers even when the report lands below
 * the fold, and keyboard and screen-reader users arrive at it. `children` (an answer card) come first, inside.
 */
export function RevealedReport({ report, children }: { report: Report; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
    el.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' })
    el.focus({ preventScroll: true })
  }, [report])
  return (
    <div ref={ref} tabIndex={-1} className="revealed-report" data-testid="revealed-report">
      {children}
      <ReportView report={report} />
    </div>
  )
}
