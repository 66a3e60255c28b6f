export const USER_AGENT = 'ecs-deploy-verify/0.1.0';

/** ECS limits enforced before any call (RegisterTaskDefinition documentation). */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;
export const MAX_CONTAINERS = 10;
export const MAX_TAGS = 50;

export const EXEC_AGENT = 'ExecuteCommandAgent';

/** Caps what a smoke check's output may put into step outputs and the summary. */
export const MAX_SMOKE_OUTPUT_CHARS = 4096;

/** How long a cancelled run may spend looking at the service before it reports (the runner allows a few seconds). */
export const CANCEL_LOOK_MS = 2_000;
