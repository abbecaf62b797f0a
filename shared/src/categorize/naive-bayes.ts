import { DomainError } from '../errors/domain-error.ts';

/**
 * A multinomial naive Bayes classifier over hashed features, trained one example at a time.
 * Plain data (Maps) in memory; `serializeModel` / `deserializeModel` turn it into JSON for classifier_models.
 */
export interface NaiveBayesModel {
  alpha: number;
  labels: string[];
  labelIndex: Map<string, number>;
  /** Examples seen per label. */
  docs: number[];
  /** Feature occurrences per label. */
  totals: number[];
  /** feature → (label index → count) */
  counts: Map<number, Map<number, number>>;
  examples: number;
}

export interface Prediction {
  label: string;
  /** Posterior probability of `label`, tempered (see predict). */
  confidence: number;
  alternatives: { label: string; confidence: number }[];
}

export interface SerializedModel {
  kind: 'naive-bayes';
  version: 1;
  alpha: number;
  labels: string[];
  docs: number[];
  totals: number[];
  examples: number;
  /** [feature, label, count, label, count, ...] */
  features: number[][];
}

export function createModel(alpha = 0.3): NaiveBayesModel {
  return { alpha, labels: [], labelIndex: new Map(), docs: [], totals: [], counts: new Map(), examples: 0 };
}

/** Adds one labelled example (its hashed features) to the model, in place. */
export function learn(model: NaiveBayesModel, features: readonly number[], label: string): void {
  let li = model.labelIndex.get(label);
  if (li === undefined) {
    li = model.labels.length;
    model.labels.push(label);
    model.labelIndex.set(label, li);
    model.docs.push(0);
    model.totals.push(0);
  }
  model.docs[li]! += 1;
  model.totals[li]! += features.length;
  model.examples++;
  for (const f of features) {
    let byLabel = model.counts.get(f);
    if (!byLabel) {
      byLabel = new Map();
      model.counts.set(f, byLabel);
    }
    byLabel.set(li, (byLabel.get(li) ?? 0) + 1);
  }
}

/** Removes one example learned earlier (when a user changes their mind), in place. */
export function unlearn(model: NaiveBayesModel, features: readonly number[], label: string): void {
  const li = model.labelIndex.get(label);
  if (li === undefined || model.docs[li]! === 0) return;
  model.docs[li]! -= 1;
  model.totals[li]! -= features.length;
  model.examples--;
  for (const f of features) {
    const byLabel = model.counts.get(f);
    const c = byLabel?.get(li);
    if (!byLabel || !c) continue;
    if (c <= 1) byLabel.delete(li);
    else byLabel.set(li, c - 1);
    if (byLabel.size === 0) model.counts.delete(f);
  }
}

/**
 * The most probable label, or null before the model has seen anything. Naive Bayes multiplies many
 * correlated feature likelihoods and so is overconfident; dividing log scores by sqrt(feature count)
 * before the softmax tempers that into a usable confidence.
 */
export function predict(model: NaiveBayesModel, features: readonly number[]): Prediction | null {
  const k = model.labels.length;
  if (k === 0 || model.examples === 0) return null;
  const vocab = Math.max(model.counts.size, 1);
  const logAlpha = Math.log(model.alpha);
  const n = features.length;
  const scores = new Float64Array(k);
  for (let l = 0; l < k; l++) {
    const docs = model.docs[l]!;
    scores[l] =
      docs === 0
        ? Number.NEGATIVE_INFINITY
        : Math.log(docs / model.examples) + n * (logAlpha - Math.log(model.totals[l]! + model.alpha * vocab));
  }
  for (const f of features) {
    const byLabel = model.counts.get(f);
    if (!byLabel) continue;
    for (const [l, c] of byLabel) scores[l]! += Math.log(c + model.alpha) - logAlpha;
  }
  const temper = Math.sqrt(Math.max(n, 1));
  let max = Number.NEGATIVE_INFINITY;
  for (let l = 0; l < k; l++) max = Math.max(max, scores[l]! / temper);
  const probs = new Float64Array(k);
  let sum = 0;
  for (let l = 0; l < k; l++) {
    const p = Number.isFinite(scores[l]!) ? Math.exp(scores[l]! / temper - max) : 0;
    probs[l] = p;
    sum += p;
  }
  const ranked = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]!);
  const best = ranked[0]!;
  return {
    label: model.labels[best]!,
    confidence: probs[best]! / sum,
    alternatives: ranked.slice(1, 4).map((l) => ({ label: model.labels[l]!, confidence: probs[l]! / sum })),
  };
}

export function serializeModel(model: NaiveBayesModel): SerializedModel {
  const features: number[][] = [];
  for (const [f, byLabel] of model.counts) {
    const row = [f];
    for (const [l, c] of byLabel) row.push(l, c);
    features.push(row);
  }
  return {
    kind: 'naive-bayes',
    version: 1,
    alpha: model.alpha,
    labels: [...model.labels],
    docs: [...model.docs],
    totals: [...model.totals],
    examples: model.examples,
    features,
  };
}

export function deserializeModel(data: unknown): NaiveBayesModel {
  const s = data as Partial<SerializedModel> | null;
  if (
    s?.kind !== 'naive-bayes' ||
    s.version !== 1 ||
    !Array.isArray(s.labels) ||
    !Array.isArray(s.features)
  ) {
    throw new DomainError('CLASSIFIER_MODEL_INVALID', 'stored classifier model has an unknown shape');
  }
  const counts = new Map<number, Map<number, number>>();
  for (const row of s.features) {
    const byLabel = new Map<number, number>();
    for (let i = 1; i + 1 < row.length; i += 2) byLabel.set(row[i]!, row[i + 1]!);
    counts.set(row[0]!, byLabel);
  }
  return {
    alpha: s.alpha ?? 0.1,
    labels: [...s.labels],
    labelIndex: new Map(s.labels.map((l, i) => [l, i])),
    docs: [...(s.docs ?? [])],
    totals: [...(s.totals ?? [])],
    counts,
    examples: s.examples ?? 0,
  };
}
