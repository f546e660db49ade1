// The flow-executions service's public face: what the login side calls when a flow has run.
export { MAX_FLOW_EXECUTIONS_PER_TENANT, recordFlowExecution, storedExecutionOf } from './record-flow-execution';
