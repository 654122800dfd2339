import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim'
import { Secret } from 'kubernetes-models/v1/Secret'
import { Job } from 'kubernetes-models/batch/v1/Job'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../src/cli/main'
import { findCommand } from '../../src/cli/main'
import {
  DEPLOY_DIR,
  docOf,
  expandVars,
  INDEX_FIELD,
  jobContainer,
  podArgs,
  readManifest,
  type Container,
  type Doc,
} from '../support/kubeManifest'

/**
 * deploy/: the Kubernetes manifests are validated against the Kubernetes API schemas (kubernetes-models, the
 * OpenAPI definitions compiled to validators), then held to what the audit needs; the Dockerfile is parsed and
 * checked for what the issue asks (node:20-slim, npm ci --omit=dev, non-root, the built CLI as entrypoint).
 */
const ROOT = join(DEPLOY_DIR, '..')
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  ConfigMap,
  PersistentVolumeClaim,
  Secret,
  Job,
}

/** What a cluster would give pod `index`: the shipped ConfigMap and the example Secret. */
function inputs(index: number) {
  const cm = docOf(readManifest('audit-job.yaml'), 'ConfigMap')
  const s = secret()
  return {
    index,
    configMaps: { [cm.metadata.name]: cm.data as Record<string, string> },
    secrets: { [s.metadata.name]: s.stringData },
  }
}

function validate(doc: Doc): void {
  const Model = MODELS[doc.kind]
  if (!Model) throw new Error(`no schema for kind ${doc.kind}`)
  new Model(doc as never).validate()
}

const job = () => docOf(readManifest('audit-job.yaml'), 'Job')
const configMap = () => docOf(readManifest('audit-job.yaml'), 'ConfigMap').data as Record<string, string>
const secret = () =>
  docOf(readManifest('endpoints-secret.example.yaml'), 'Secret') as Doc & {
    stringData: Record<string, string>
  }

describe('deploy/ Kubernetes manifests', () => {
  it('every document of every manifest is a valid Kubernetes object', () => {
    for (const file of ['audit-job.yaml', 'audit-merge.yaml', 'endpoints-secret.example.yaml']) {
      const docs = readManifest(file)
      expect(docs.length).toBeGreaterThan(0)
      for (const d of docs) expect(() => validate(d), `${file} ${d.kind}`).not.toThrow()
    }
  })

  it('the validator is not a rubber stamp: a broken Job is refused', () => {
    const broken = structuredClone(job()) as Doc & { spec: Record<string, unknown> }
    broken.spec.completions = 'sixteen'
    expect(() => validate(broken)).toThrow(/completions/)
    const unnamed = structuredClone(job()) as Doc & {
      spec: { template: { spec: { containers: unknown[] } } }
    }
    unnamed.spec.template.spec.containers = [{ image: 'lightproof:0.1.0' }]
    expect(() => validate(unnamed)).toThrow(/name/)
    const badPolicy = structuredClone(job()) as Doc & { spec: { podFailurePolicy: { rules: unknown[] } } }
    badPolicy.spec.podFailurePolicy.rules = [{ onExitCodes: { operator: 'In', values: [2] } }]
    expect(() => validate(badPolicy)).toThrow(/action/)
  })

  it('is an Indexed Job with one completion per shard, each pod taking --shard $(JOB_COMPLETION_INDEX)/$(SHARDS)', () => {
    const j = job() as Doc & {
      spec: {
        completionMode: string
        completions: number
        parallelism: number
        template: { spec: Record<string, unknown> }
      }
    }
    expect(j.spec.completionMode).toBe('Indexed')
    const shards = Number(configMap().SHARDS)
    expect(j.spec.completions).toBe(shards)
    expect(j.spec.parallelism).toBeLessThanOrEqual(shards)
    expect(j.spec.template.spec.restartPolicy).toBe('Never')
    const c = jobContainer(j)
    const args = c.args!
    expect(args.slice(0, 2)).toEqual(['zksync', 'batches'])
    expect(args[args.indexOf('--shard') + 1]).toBe('$(JOB_COMPLETION_INDEX)/$(SHARDS)')
    expect(c.env!.find((e) => e.name === 'JOB_COMPLETION_INDEX')?.valueFrom?.fieldRef?.fieldPath).toBe(
      INDEX_FIELD,
    )
  })

  it('writes each shard to its own directory on the claimed volume', () => {
    const j = job() as Doc & {
      spec: {
        template: { spec: { volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } }
      }
    }
    const c = jobContainer(j)
    const out = c.args![c.args!.indexOf('--out') + 1]!
    expect(out).toContain('$(JOB_COMPLETION_INDEX)')
    const { env } = podArgs(c, inputs(3))
    const mount = c.volumeMounts!.find((m) => expandVars(out, env).startsWith(m.mountPath + '/'))
    expect(mount, 'the --out directory is on a mounted volume').toBeDefined()
    const volume = j.spec.template.spec.volumes.find((v) => v.name === mount!.name)
    const claim = docOf(readManifest('audit-job.yaml'), 'PersistentVolumeClaim')
    expect(volume?.persistentVolumeClaim?.claimName).toBe(claim.metadata.name)
    expect((claim.spec as { accessModes: string[] }).accessModes).toContain('ReadWriteMany')
  })

  it('takes every endpoint URL from the Secret and the rest from the ConfigMap; every $(VAR) resolves', async () => {
    const c = jobContainer(job())
    const cm = docOf(readManifest('audit-job.yaml'), 'ConfigMap')
    const s = secret()
    for (const e of c.env!) {
      const cmRef = e.valueFrom?.configMapKeyRef
      if (cmRef) {
        expect(cmRef.name).toBe(cm.metadata.name)
        expect(Object.keys(configMap())).toContain(cmRef.key)
      }
      const sRef = e.valueFrom?.secretKeyRef
      if (sRef) {
        expect(sRef.name).toBe(s.metadata.name)
        expect(Object.keys(s.stringData)).toContain(sRef.key)
      }
    }
    const fromSecret = (flag: string) => {
      const v = c.args![c.args!.indexOf(flag) + 1]!
      const name = /^\$\((\w+)\)$/.exec(v)?.[1]
      return c.env!.find((e) => e.name === name)?.valueFrom?.secretKeyRef
    }
    for (const flag of ['--beacon', '--l1-rpc', '--zksync-rpc']) expect(fromSecret(flag), flag).toBeDefined()
    const { args } = podArgs(c, inputs(5))
    expect(args.join(' ')).not.toMatch(/\$\(/)
    expect(args[args.indexOf('--shard') + 1]).toBe(`5/${configMap().SHARDS}`)
    // The command line the pod runs is one the CLI accepts: the command exists and takes every flag given.
    const found = findCommand(args)
    expect(found?.entry.path).toEqual(['zksync', 'batches'])
    const spec = await found!.entry.load()
    for (const a of found!.rest.filter((x) => x.startsWith('--')))
      expect(Object.keys(spec.options), a).toContain(a.slice(2))
  })

  it('runs as non-root with requests sized for the worker threads it asks for', () => {
    const j = job() as Doc & { spec: { template: { spec: { securityContext: Record<string, unknown> } } } }
    expect(j.spec.template.spec.securityContext.runAsNonRoot).toBe(true)
    expect(Number(j.spec.template.spec.securityContext.runAsUser)).toBeGreaterThan(0)
    const c: Container = jobContainer(j)
    const jobs = Number(configMap().JOBS)
    expect(Number(c.resources!.requests!.cpu)).toBe(jobs)
    expect(c.resources!.requests!.memory).toMatch(/^\d+(Mi|Gi)$/)
    expect(c.resources!.limits!.memory).toMatch(/^\d+(Mi|Gi)$/)
  })

  it('maps the CLI exit codes: 2 fails the Job, 1 fails only the index, 3 and SIGTERM are retried', () => {
    const j = job() as Doc & {
      spec: {
        backoffLimitPerIndex: number
        podFailurePolicy: {
          rules: {
            action: string
            onExitCodes?: { values: number[] }
            onPodConditions?: { type: string }[]
          }[]
        }
      }
    }
    expect(j.spec.backoffLimitPerIndex).toBeGreaterThan(0)
    const rules = j.spec.podFailurePolicy.rules
    const actionFor = (code: number) =>
      rules.find((r) => r.onExitCodes?.values.includes(code))?.action ?? 'Count'
    expect(actionFor(EXIT.usage)).toBe('FailJob')
    expect(actionFor(EXIT.failed)).toBe('FailIndex')
    expect(actionFor(EXIT.endpoint)).toBe('Count')
    expect(actionFor(143)).toBe('Count')
    expect(rules[0]).toMatchObject({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] })
  })

  it('the merge Job reads the same claim with the same image', () => {
    const merge = docOf(readManifest('audit-merge.yaml'), 'Job')
    const c = jobContainer(merge)
    expect(c.image).toBe(jobContainer(job()).image)
    expect(c.command!.join(' ')).toMatch(/report merge \/audit\/shard-\*/)
  })
})

interface Instruction {
  keyword: string
  args: string
  line: number
}

/** A Dockerfile's instructions: comments and blank lines dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const start = i
    let line = lines[i]!
    if (/^\s*(#|$)/.test(line)) continue
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!.trim()
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line)
    if (!m) throw new Error(`Dockerfile line ${start + 1}: not an instruction: ${line}`)
    out.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.trim(), line: start + 1 })
  }
  return out
}

describe('deploy/Dockerfile', () => {
  const text = readFileSync(join(DEPLOY_DIR, 'Dockerfile'), 'utf8')
  const all = parseDockerfile(text)
  const stages: Instruction[][] = []
  for (const ins of all) {
    if (ins.keyword === 'FROM') stages.push([])
    stages.at(-1)?.push(ins)
  }
  const final = stages.at(-1)!

  it('parses, and only uses instructions that do what they say', () => {
    expect(all[0]!.keyword).toBe('FROM')
    const known = ['FROM', 'WORKDIR', 'ENV', 'COPY', 'RUN', 'USER', 'ENTRYPOINT', 'CMD', 'ARG', 'LABEL']
    for (const ins of all) expect(known, `line ${ins.line}`).toContain(ins.keyword)
    // ADD would fetch URLs and unpack archives; nothing here downloads anything but npm packages.
    expect(all.some((i) => i.keyword === 'ADD')).toBe(false)
    expect(
      all
        .filter((i) => i.keyword === 'RUN')
        .map((i) => i.args)
        .join('\n'),
    ).not.toMatch(/curl|wget/)
  })

  it('every stage is node:20-slim', () => {
    for (const s of stages) expect(s[0]!.args).toMatch(/^node:20-slim(\s+AS\s+\w+)?$/i)
  })

  it('the runtime stage installs production dependencies only, with npm ci, and runs as a non-root user', () => {
    const runs = final.filter((i) => i.keyword === 'RUN').map((i) => i.args)
    expect(runs.some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true)
    const user = final.filter((i) => i.keyword === 'USER').at(-1)?.args
    expect(user).toBeDefined()
    expect(['root', '0']).not.toContain(user!.split(':')[0])
    // USER comes before the entrypoint, so the process never starts as root.
    const idx = (k: string) => final.findIndex((i) => i.keyword === k)
    expect(idx('USER')).toBeLessThan(idx('ENTRYPOINT'))
  })

  it('the entrypoint is the built CLI in exec form, and it is built in an earlier stage', () => {
    const ep = JSON.parse(final.find((i) => i.keyword === 'ENTRYPOINT')!.args) as string[]
    expect(ep[0]).toBe('node')
    expect(ep[1]).toMatch(/\/bin\/lightproof\.mjs$/)
    const fromBuild = final.filter((i) => i.keyword === 'COPY' && i.args.startsWith('--from='))
    expect(fromBuild.map((i) => i.args)).toContainEqual(expect.stringMatching(/\/out\/main\b/))
    const build = stages[0]!.filter((i) => i.keyword === 'RUN').map((i) => i.args)
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    // The image builds with the project's own build command.
    expect(build.some((r) => r.includes(pkg.scripts.build!))).toBe(true)
  })

  it('copies only files that exist, and leaves node_modules and out/ out of the build context', () => {
    for (const ins of all.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from='))) {
      const parts = ins.args.split(/\s+/)
      for (const src of parts.slice(0, -1)) expect(existsSync(join(ROOT, src)), src).toBe(true)
    }
    const ignore = readFileSync(join(DEPLOY_DIR, 'Dockerfile.dockerignore'), 'utf8').split('\n')
    expect(ignore).toContain('node_modules')
    expect(ignore).toContain('out')
  })
})
