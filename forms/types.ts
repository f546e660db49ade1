// The Form and Flow shapes, typed against the `auth0` SDK (v7), with the two pieces it does
// not type: a router rule's `condition` and the `if` of FLOW/BOOLEAN_CONDITION. The Dashboard
// export carries both as below (platform/forms-model.ts).
import type { Management } from 'auth0';

/** An AND group of EQ or INCLUDES comparisons; operands are `{{...}}` templates or string literals. */
export type Condition = { operator: 'AND'; operands: { operator: 'EQ' | 'INCLUDES'; operands: [string, string] }[] };

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
  Exclude<Management.FlowAction, Management.FlowActionFlowBooleanCondition> | BooleanConditionAction;

/** A flow as deploy-cli reads it from its body file: everything but the name. */
export interface FlowBody {
  actions: FlowAction[];
}
