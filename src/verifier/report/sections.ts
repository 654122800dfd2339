import { verdictOf, type Check, type Report, type ReportSection, type SectionId } from './index'

/**
 * The chain of trust of a report, link by link (issue 14 item 5): each evidence kind declares its links in
 * order (its descriptor's `sections`), each link the check-id patterns that belong to it; a check belongs to the
 * first link that claims it. The verifier attaches the sections, so the renderer and the CLI draw them and
 * never group checks by their ids themselves.
 */
export interface SectionPlanEntry {
  readonly id: SectionId
  readonly title: string
  /** Check-id patterns (`*` stands for any non-empty run of characters, dots included). */
  readonly checks: readonly string[]
  /** Shown only when the report has a check in it (a Gateway hop, a proof the user did not ask for). */
  readonly optional?: boolean
}

export type SectionPlan = readonly SectionPlanEntry[]

const compiled = new Map<string, RegExp>()

/** Whether `id` matches a check-id pattern; `*` matches any non-empty run of characters. */
export function matchesCheckId(pattern: string, id: string): boolean {
  let re = compiled.get(pattern)
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.[\]()+?^${}|\\]/g, '\\$&'))
        .join('.+')}$`,
    )
    compiled.set(pattern, re)
  }
  return re.test(id)
}

/** Every check not claimed by a link of the plan: never dropped, shown last. */
const OTHER: SectionPlanEntry = { id: 'other', title: 'Other checks', checks: ['*'], optional: true }

function sectionVerdict(checks: readonly Check[]): ReportSection['verdict'] {
  if (checks.length === 0) return 'not-reached'
  if (!checks.some((c) => c.required)) return 'informational'
  return verdictOf(checks)
}

/** The report's checks laid out as the plan's links, in the plan's order. */
export function sectionsOf(checks: readonly Check[], plan: SectionPlan): ReportSection[] {
  const links = [...plan, OTHER]
  const members = links.map((): number[] => [])
  checks.forEach((check, index) => {
    const at = links.findIndex((link) => link.checks.some((p) => matchesCheckId(p, check.id)))
    members[at]!.push(index)
  })
  return links
    .map((link, i) => ({ link, indices: members[i]! }))
    .filter(({ link, indices }) => !link.optional || indices.length > 0)
    .map(({ link, indices }) => ({
      id: link.id,
      title: link.title,
      verdict: sectionVerdict(indices.map((j) => checks[j]!)),
      checks: indices,
    }))
}

/** The report with its chain of trust attached as sections. */
export function withSections(report: Report, plan: SectionPlan): Report {
  return { ...report, sections: sectionsOf(report.checks, plan) }
}

/** A section's checks, in report order. */
export function sectionChecks(report: Pick<Report, 'checks'>, section: ReportSection): Check[] {
  return section.checks.flatMap((i) => (report.checks[i] ? [report.checks[i]] : []))
}
