// The Form and Flow shapes, typed against the `auth0` SDK (v7), with the two pieces it does
// not type: a router rule's `condition` and the `if` of FLOW/BOOLEAN_CONDITION. Real exports
// carry both with the operator shape below (platform-facts.md §2-3).
import type { Management } from 'auth0';

/** A comparison, or AND/OR over comparisons. Operands are values or `{{...}}` templates. */
export type Condition =
  | { operator: 'AND' | 'OR'; operands: Condition[] }
  | {
      operator: 'EQ' | 'NE' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'CONTAINS' | 'NOT_CONTAINS' | 'EXISTS' | 'NOT_EXISTS';
      operands: unknown[];
    };

export type RouterRule = Management.FormRouterRule & { condition: Condition };

export type FormRouter = Omit<Management.FormRouter, 'config'> & {
  config: { rules: RouterRule[]; fallback: Management.FormNodePointer };
};

export type FormNode = Management.FormStep | Management.FormFlow | FormRouter;

/** A form as deploy-cli reads it from its body file: everything but the name. */
export type FormBody = Omit<Management.CreateFormRequestContent, 'name' | 'nodes'> & { nodes: FormNode[] };

export type BooleanConditionAction = Omit<Management.FlowActionFlowBooleanCondition, 'params'> & {
  params: { if: Condition; then?: FlowAction[]; else?: FlowAction[] };
};

export type FlowAction =
  | Exclude<Management.FlowAction, Management.FlowActionFlowBooleanCondition>
  | BooleanConditionAction;

/** A flow as deploy-cli reads it from its body file: everything but the name. */
export interface FlowBody {
  actions: FlowAction[];
}
