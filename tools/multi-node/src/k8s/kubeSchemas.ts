/**
 * The Kubernetes API schemas of the kinds the manifests use, from `kubernetes-models` (its
 * validators are generated from the API's OpenAPI document). The package is ECMAScript modules
 * only, so it is loaded with import(), once, before checking.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  spec?: unknown;
  [field: string]: unknown;
}

type Model = new (data: KubeObject) => { validate(): void };

const GROUPS: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
};

export type Validator = (object: KubeObject) => string[];

function validator(model: Model): Validator {
  return (candidate) => {
    try {
      new model(candidate).validate();
      return [];
    } catch (error) {
      return String((error as Error).message)
        .split(/, (?=data)/)
        .map((rule) => rule.replace(/^data/, 'at '));
    }
  };
}

/** The schema check of each `apiVersion kind` the manifests may use. */
export async function loadValidators(): Promise<Map<string, Validator>> {
  const validators = new Map<string, Validator>();
  for (const [apiVersion, specifier] of Object.entries(GROUPS)) {
    const models = (await import(specifier)) as Record<string, unknown>;
    for (const [kind, model] of Object.entries(models)) {
      if (typeof model === 'function') validators.set(`${apiVersion} ${kind}`, validator(model as Model));
    }
  }
  return validators;
}
