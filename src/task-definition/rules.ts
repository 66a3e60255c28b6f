/**
 * Rules ECS applies when it registers a task definition, checked here first so a broken
 * definition fails in the pull request's first seconds with the exact field to fix.
 */
import type { ContainerDefinition, RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import type { ShapeProblem } from './shape.js';

const FARGATE_LOG_DRIVERS = new Set(['awslogs', 'splunk', 'awsfirelens']);

/** Task-level cpu in CPU units: "256", "1 vCPU", "0.5 vcpu". */
export function cpuUnits(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(value);
  if (!match) return undefined;
  return match[2] ? Number(match[1]) * 1024 : Number(match[1]);
}

/** Task-level memory in MiB: "512", "1 GB", "2gb". */
export function memoryMiB(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(gb)?\s*$/i.exec(value);
  if (!match) return undefined;
  return match[2] ? Number(match[1]) * 1024 : Number(match[1]);
}

function containerPath(index: number, field?: string): string {
  return `containerDefinitions[${index}]${field ? `.${field}` : ''}`;
}

function namesAndImages(containers: ContainerDefinition[], problems: ShapeProblem[]): void {
  const seen = new Set<string>();
  containers.forEach((container, index) => {
    if (!container.name) {
      problems.push({ path: containerPath(index, 'name'), message: "'name' is required for every container" });
    } else if (seen.has(container.name)) {
      problems.push({ path: containerPath(index, 'name'), message: `the container name '${container.name}' is used twice` });
    }
    if (container.name) seen.add(container.name);
    if (!container.image) {
      problems.push({
        path: containerPath(index, 'image'),
        message: `container '${container.name ?? index}' has no image: set one in the file or with 'container-images' (${container.name ?? 'name'}=<image>)`,
      });
    }
  });
  if (containers.length > 0 && !containers.some((container) => container.essential !== false)) {
    problems.push({ path: 'containerDefinitions', message: 'at least one container must be essential' });
  }
  containers.forEach((container, index) => {
    container.dependsOn?.forEach((dependency, at) => {
      if (dependency.containerName && !seen.has(dependency.containerName)) {
        problems.push({
          path: containerPath(index, `dependsOn[${at}].containerName`),
          message: `no container named '${dependency.containerName}' in this task definition`,
        });
      }
    });
  });
}

function awsvpcRules(containers: ContainerDefinition[], problems: ShapeProblem[]): void {
  containers.forEach((container, index) => {
    container.portMappings?.forEach((mapping, at) => {
      if (mapping.hostPort !== undefined && mapping.containerPort !== undefined && mapping.hostPort !== mapping.containerPort) {
        problems.push({
          path: containerPath(index, `portMappings[${at}].hostPort`),
          message: `with networkMode 'awsvpc' the host port must equal the container port (${mapping.containerPort}), found ${mapping.hostPort}; omit hostPort`,
        });
      }
    });
    if (container.links?.length) {
      problems.push({
        path: containerPath(index, 'links'),
        message: "'links' is not supported with networkMode 'awsvpc'; containers of one task reach each other on localhost",
      });
    }
  });
}

function fargateRules(request: RegisterTaskDefinitionCommandInput, problems: ShapeProblem[]): void {
  const containers = request.containerDefinitions ?? [];
  if (request.networkMode !== undefined && request.networkMode !== 'awsvpc') {
    problems.push({ path: 'networkMode', message: `Fargate requires networkMode 'awsvpc', found '${request.networkMode}'` });
  }
  const taskCpu = cpuUnits(request.cpu);
  const taskMemory = memoryMiB(request.memory);
  if (request.cpu === undefined) problems.push({ path: 'cpu', message: "Fargate requires a task-level 'cpu' (e.g. \"256\")" });
  if (request.memory === undefined) problems.push({ path: 'memory', message: "Fargate requires a task-level 'memory' (e.g. \"512\")" });
  let cpuSum = 0;
  containers.forEach((container, index) => {
    if (container.privileged) {
      problems.push({ path: containerPath(index, 'privileged'), message: 'privileged containers are not supported on Fargate' });
    }
    const driver = container.logConfiguration?.logDriver;
    if (driver && !FARGATE_LOG_DRIVERS.has(driver)) {
      problems.push({
        path: containerPath(index, 'logConfiguration.logDriver'),
        message: `the log driver '${driver}' is not supported on Fargate; use awslogs, splunk or awsfirelens`,
      });
    }
    cpuSum += container.cpu ?? 0;
    for (const field of ['memory', 'memoryReservation'] as const) {
      const value = container[field];
      if (taskMemory !== undefined && value !== undefined && value > taskMemory) {
        problems.push({
          path: containerPath(index, field),
          message: `container '${container.name}' asks for ${value} MiB but the task has ${taskMemory} MiB`,
        });
      }
    }
  });
  if (taskCpu !== undefined && cpuSum > taskCpu) {
    problems.push({
      path: 'containerDefinitions',
      message: `the containers ask for ${cpuSum} CPU units in all but the task has ${taskCpu}`,
    });
  }
}

function volumeRules(request: RegisterTaskDefinitionCommandInput, problems: ShapeProblem[]): void {
  const declared = new Set((request.volumes ?? []).map((volume) => volume.name));
  (request.containerDefinitions ?? []).forEach((container, index) => {
    container.mountPoints?.forEach((mount, at) => {
      if (mount.sourceVolume && !declared.has(mount.sourceVolume)) {
        problems.push({
          path: containerPath(index, `mountPoints[${at}].sourceVolume`),
          message: `the volume '${mount.sourceVolume}' is not declared in the task's 'volumes'`,
        });
      }
    });
  });
}

function executionRoleRules(request: RegisterTaskDefinitionCommandInput, problems: ShapeProblem[]): void {
  if (request.executionRoleArn) return;
  (request.containerDefinitions ?? []).forEach((container, index) => {
    const secretField = container.secrets?.length
      ? 'secrets'
      : container.logConfiguration?.secretOptions?.length
        ? 'logConfiguration.secretOptions'
        : container.repositoryCredentials
          ? 'repositoryCredentials'
          : undefined;
    if (secretField) {
      problems.push({
        path: containerPath(index, secretField),
        message: `'${secretField}' needs a task 'executionRoleArn' (the role ECS uses to read them)`,
      });
    }
  });
}

/** Problems ECS would answer RegisterTaskDefinition with, as JSON paths and fixes. */
export function registrationProblems(request: RegisterTaskDefinitionCommandInput): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const containers = request.containerDefinitions ?? [];
  if (containers.length === 0) problems.push({ path: 'containerDefinitions', message: 'at least one container is required' });
  namesAndImages(containers, problems);
  if (request.networkMode === 'awsvpc') awsvpcRules(containers, problems);
  if (request.requiresCompatibilities?.includes('FARGATE')) fargateRules(request, problems);
  volumeRules(request, problems);
  executionRoleRules(request, problems);
  return problems;
}
