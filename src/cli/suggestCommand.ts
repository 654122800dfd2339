import type { CommandEntry } from './command'

/**
 * The command a mistyped command line most likely meant ("verfy", "zksync batchs", "l1 balnce"), or undefined
 * when nothing is close: the words of every command compared with as many words of the input, by edit distance,
 * accepting at most one edit per three letters.
 */
export function suggestCommand(argv: string[], commands: readonly CommandEntry[]): string | undefined {
  let best: { words: string; distance: number } | undefined
  for (const c of commands) {
    const words = c.path.join(' ')
    const typed = argv.slice(0, c.path.length).join(' ')
    const distance = editDistance(typed, words)
    if (distance <= Math.max(1, Math.floor(words.length / 3)) && (!best || distance < best.distance))
      best = { words, distance }
  }
  return best?.words
}

/** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost))
    }
    prev = row
  }
  return prev[b.length]!
}
