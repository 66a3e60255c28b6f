export const USER_AGENT = 'ecs-deploy-verify/0.1.0';

/** ECS limits enforced before any call (RegisterTaskDefinition documentation). */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;
export const MAX_CONTAINERS = 10;
export const MAX_TAGS = 50;

export const EXEC_AGENT = 'ExecuteCommandAgent';

/** Caps what a smoke check's output may put into step outputs and the summary. */
export const MAX_SMOKE_OUTPUT_CHARS = 4096;
