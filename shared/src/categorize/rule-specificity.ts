import { type ConditionNode, isConditionGroup } from './rule-schema.ts';

const opScore: Record<string, number> = {
  is: 10,
  isNot: 10,
  oneOf: 9,
  notOneOf: 9,
  approx: 5,
  between: 5,
  startsWith: 2,
  endsWith: 2,
  lt: 1,
  lte: 1,
  gt: 1,
  gte: 1,
};
const exactOps = new Set(['is', 'isNot', 'oneOf', 'notOneOf', 'approx']);

/**
 * How specific a rule's conditions are (Actual's table, plus starts/ends with): the sum of the operators'
 * scores, doubled when every condition is exact. Breaks ties between rules of equal stage and priority.
 */
export function ruleSpecificity(nodes: ConditionNode[]): number {
  let score = 0;
  let allExact = nodes.length > 0;
  const visit = (list: ConditionNode[]) => {
    for (const n of list) {
      if (isConditionGroup(n)) {
        visit(n.conditions);
        continue;
      }
      score += opScore[n.op] ?? 0;
      if (!exactOps.has(n.op)) allExact = false;
    }
  };
  visit(nodes);
  return allExact ? score * 2 : score;
}
