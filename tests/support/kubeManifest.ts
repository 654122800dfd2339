import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'

/**
 * Test support: reads deploy/'s Kubernetes manifests and computes the command line a pod of the Indexed Job
 * runs, the way the kubelet does — the container's env built in order (value, ConfigMap and Secret keys, the
 * completion index from the pod annotation), then `$(VAR)` references in args expanded — so a test runs the
 * exact command lines the Job would run.
 */
export const DEPLOY_DIR = join(import.meta.dirname, '..', '..', 'deploy')

export type Doc = Record<string, unknown> & { kind: string; metadata: { name: string } }

export function readManifest(file: string): Doc[] {
  const text = readFileSync(join(DEPLOY_DIR, file), 'utf8')
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]!.message}`)
    return d.toJSON() as Doc
  })
}

export function docOf(docs: Doc[], kind: string): Doc {
  const found = docs.filter((d) => d.kind === kind)
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`)
  return found[0]!
}

interface EnvVar {
  name: string
  value?: string
  valueFrom?: {
    fieldRef?: { fieldPath: string }
    configMapKeyRef?: { name: string; key: string }
    secretKeyRef?: { name: string; key: string }
  }
}

export interface Container {
  name: string
  image: string
  command?: string[]
  args?: string[]
  env?: EnvVar[]
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> }
  volumeMounts?: { name: string; mountPath: string }[]
}

/** Kubernetes' `$(VAR)` expansion: defined names are replaced, `$$` is a literal `$`, the rest stays as it is. */
export function expandVars(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m: string, name: string | undefined) =>
    name === undefined ? '$' : (env[name] ?? m),
  )
}

export const INDEX_FIELD = "metadata.annotations['batch.kubernetes.io/job-completion-index']"

export interface PodInputs {
  /** The pod's completion index (what the Job controller puts in the annotation). */
  index: number
  configMaps: Record<string, Record<string, string>>
  secrets: Record<string, Record<string, string>>
  /** Env values to replace after resolution (a test points the volume path at a temp directory). */
  override?: Record<string, string>
}

/** The env the kubelet gives the container of pod `index`; unresolvable references throw. */
export function podEnv(c: Container, p: PodInputs): Record<string, string> {
  const env: Record<string, string> = {}
  for (const v of c.env ?? []) {
    let value: string | undefined
    if (v.value !== undefined) value = expandVars(v.value, env)
    else if (v.valueFrom?.fieldRef) {
      if (v.valueFrom.fieldRef.fieldPath !== INDEX_FIELD)
        throw new Error(`unexpected fieldRef ${v.valueFrom.fieldRef.fieldPath}`)
      value = String(p.index)
    } else if (v.valueFrom?.configMapKeyRef) {
      const r = v.valueFrom.configMapKeyRef
      value = p.configMaps[r.name]?.[r.key]
    } else if (v.valueFrom?.secretKeyRef) {
      const r = v.valueFrom.secretKeyRef
      value = p.secrets[r.name]?.[r.key]
    }
    if (value === undefined) throw new Error(`env ${v.name} does not resolve`)
    env[v.name] = value
  }
  // The Job controller sets it on every container of an Indexed Job.
  env.JOB_COMPLETION_INDEX ??= String(p.index)
  return { ...env, ...p.override }
}

/** The argv after the image's entrypoint (`lightproof`) for pod `index`. */
export function podArgs(c: Container, p: PodInputs): { args: string[]; env: Record<string, string> } {
  const env = podEnv(c, p)
  return { args: (c.args ?? []).map((a) => expandVars(a, env)), env }
}

export function jobContainer(job: Doc): Container {
  const spec = job.spec as { template: { spec: { containers: Container[] } } }
  return spec.template.spec.containers[0]!
}
