import type { Check } from '../report'

/** Checks of one verification step, in order; merged into a Report by the caller. */
export class CheckList {
  readonly checks: Check[] = []

  pass(id: string, title: string, detail: string, required = true): void {
    this.checks.push({ id, title, status: 'pass', detail, required })
  }

  fail(id: string, title: string, detail: string): void {
    this.checks.push({ id, title, status: 'fail', detail, required: true })
  }

  skip(id: string, title: string, detail: string): void {
    this.checks.push({ id, title, status: 'skip', detail, required: false })
  }

  /** Records pass or fail and returns the condition so the caller can stop at the first failure. */
  expect(id: string, title: string, ok: boolean, passDetail: string, failDetail: string): boolean {
    if (ok) this.pass(id, title, passDetail)
    else this.fail(id, title, failDetail)
    return ok
  }

  get failed(): boolean {
    return this.checks.some((c) => c.required && c.status === 'fail')
  }
}
