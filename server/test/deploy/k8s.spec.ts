import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ENV_KEYS } from '../../src/common/config/app-config';
import { healthRoutes, readRepoFile, REPO, startScriptEntry } from './deploy-files';
import { COMMANDS } from '../../src/cli/run-cli';

const K8S = 'deploy/k8s';

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; emptyDir?: object; persistentVolumeClaim?: { claimName: string } }[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  resources?: string[];
}

const files = readdirSync(join(REPO, K8S)).filter((f) => f.endsWith('.yaml'));

function manifests(file: string): Manifest[] {
  const docs = parseAllDocuments(readRepoFile(`${K8S}/${file}`));
  for (const doc of docs) {
    expect(doc.errors).toEqual([]);
  }
  return docs.map((d) => d.toJS() as Manifest);
}

function applied(): Manifest[] {
  const [kustomization] = manifests('kustomization.yaml');
  return kustomization.resources!.flatMap(manifests);
}

function one(kind: string): Manifest {
  const found = applied().filter((m) => m.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

const podSpec = (m: Manifest): PodSpec => (m.spec as { template: { spec: PodSpec } }).template.spec;
const isEnvKey = (k: string): boolean => (ENV_KEYS as readonly string[]).includes(k);

describe('deploy/k8s', () => {
  it.each(files)('%s parses as YAML with apiVersion and kind', (file) => {
    for (const m of manifests(file)) {
      expect(typeof m.apiVersion).toBe('string');
      expect(typeof m.kind).toBe('string');
    }
  });

  it('applies every manifest but the Secret example, which stays out of version control', () => {
    const [kustomization] = manifests('kustomization.yaml');
    expect(kustomization.kind).toBe('Kustomization');
    expect(kustomization.resources!.filter((r) => !existsSync(join(REPO, K8S, r)))).toEqual([]);
    expect(kustomization.resources).not.toContain('secret.example.yaml');
    expect(files.filter((f) => f !== 'kustomization.yaml' && f !== 'secret.example.yaml' && !kustomization.resources!.includes(f))).toEqual([]);
    expect(applied().map((m) => m.kind).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'Ingress', 'Job', 'Namespace', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'Service'].sort(),
    );
  });

  it('ConfigMap and Secret hold only variables the CRM reads; secrets are not in the ConfigMap', () => {
    const config = one('ConfigMap');
    const [secret] = manifests('secret.example.yaml');
    expect(Object.keys(config.data!).filter((k) => !isEnvKey(k))).toEqual([]);
    expect(Object.keys(secret.stringData!).filter((k) => !isEnvKey(k))).toEqual([]);
    expect(Object.keys(secret.stringData!)).toEqual(expect.arrayContaining(['DATABASE_URL', 'CRM_JWT_SECRET', 'CRM_AUDIT_KEY']));
    for (const key of ['DATABASE_URL', 'CRM_JWT_SECRET', 'CRM_AUDIT_KEY', 'CRM_ADMIN_PASSWORD', 'SMTP_URL']) {
      expect(config.data).not.toHaveProperty(key);
    }
    // Commented-out examples must name real variables too.
    const commented = [...readRepoFile(`${K8S}/secret.example.yaml`).matchAll(/^\s*#\s*([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(commented.filter((k) => !isEnvKey(k))).toEqual([]);
  });

  it('runs at least 2 replicas of the CRM, probed on routes the server has', () => {
    const deployment = one('Deployment');
    expect(deployment.spec!.replicas as number).toBeGreaterThanOrEqual(2);
    const [crm] = podSpec(deployment).containers;
    expect(crm.readinessProbe?.httpGet?.path).toBe('/health/ready');
    expect(crm.livenessProbe?.httpGet?.path).toBe('/health/live');
    const routes = healthRoutes();
    for (const probe of [crm.readinessProbe, crm.livenessProbe, crm.startupProbe].filter(Boolean)) {
      expect(routes).toContain(probe!.httpGet!.path);
      expect(crm.ports!.map((p) => p.name)).toContain(probe!.httpGet!.port);
    }
    expect(crm.ports![0].containerPort).toBe(Number(one('ConfigMap').data!.PORT));
    expect(crm.resources?.requests).toBeDefined();
    expect(crm.resources?.limits?.memory).toBeDefined();
  });

  it('runs as the image user, non-root, on a read-only root filesystem with writable /tmp and data', () => {
    const spec = podSpec(one('Deployment'));
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
    const [crm] = spec.containers;
    expect(crm.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    const mount = (path: string): string | undefined => crm.volumeMounts!.find((m) => m.mountPath === path)?.name;
    expect(spec.volumes!.find((v) => v.name === mount('/tmp'))?.emptyDir).toBeDefined();
    const data = spec.volumes!.find((v) => v.name === mount(one('ConfigMap').data!.CRM_DATA_DIR));
    expect(data?.persistentVolumeClaim?.claimName).toBe(one('PersistentVolumeClaim').metadata.name);
  });

  it('stops gracefully: preStop delay plus the drain fit in the grace period', () => {
    const spec = podSpec(one('Deployment'));
    const command = spec.containers[0].lifecycle?.preStop?.exec?.command ?? [];
    expect(command[0]).toBe('sleep');
    expect(spec.terminationGracePeriodSeconds).toBe(40);
    // systemd and compose give the drain 30 s; the pod must allow the same after preStop.
    expect(spec.terminationGracePeriodSeconds! - Number(command[1])).toBeGreaterThanOrEqual(30);
  });

  it('reads its settings from the ConfigMap and the Secret', () => {
    for (const kind of ['Deployment', 'Job']) {
      const envFrom = podSpec(one(kind)).containers[0].envFrom!;
      expect(envFrom.map((e) => e.configMapRef?.name).filter(Boolean)).toEqual([one('ConfigMap').metadata.name]);
      expect(envFrom.map((e) => e.secretRef?.name).filter(Boolean)).toEqual([manifests('secret.example.yaml')[0].metadata.name]);
    }
  });

  it('migrates with the CLI built next to the server entry point', () => {
    const job = one('Job');
    const [migrate] = podSpec(job).containers;
    const cli = startScriptEntry().replace(/main\.js$/, 'cli.js');
    expect(migrate.command).toEqual(['node', cli, 'migrate', 'up']);
    expect(existsSync(join(REPO, 'server/src/cli.ts'))).toBe(true);
    expect(COMMANDS.map((command) => command.name)).toContain('migrate up');
    expect(migrate.image).toBe(podSpec(one('Deployment')).containers[0].image);
    expect(podSpec(job).securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
  });

  it('wires Service, PodDisruptionBudget and Ingress to the CRM pods', () => {
    const labels = (one('Deployment').spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
    const service = one('Service');
    const serviceSpec = service.spec as { selector: Record<string, string>; ports: { name: string; targetPort: string }[] };
    expect(labels).toMatchObject(serviceSpec.selector);
    expect(podSpec(one('Deployment')).containers[0].ports!.map((p) => p.name)).toContain(serviceSpec.ports[0].targetPort);
    const pdb = one('PodDisruptionBudget').spec as { minAvailable: number; selector: { matchLabels: Record<string, string> } };
    expect(labels).toMatchObject(pdb.selector.matchLabels);
    expect(pdb.minAvailable).toBeLessThan(one('Deployment').spec!.replicas as number);
    const ingress = one('Ingress').spec as {
      tls: { hosts: string[]; secretName: string }[];
      rules: { host: string; http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[];
    };
    expect(ingress.tls[0].hosts).toContain(ingress.rules[0].host);
    expect(ingress.rules[0].http.paths[0].backend.service).toEqual({ name: service.metadata.name, port: { name: serviceSpec.ports[0].name } });
  });
});
