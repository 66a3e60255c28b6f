/**
 * One poll for the whole release. Each service's watch reads DescribeServices (its service) and
 * DescribeServiceDeployments (its service deployment) through its own client from here; the reads
 * the services make in one round are sent together, as one request of each kind (at most 10
 * services and 20 ARNs, the APIs' limits), and each watch gets the answer it would have had
 * alone. So watching N services costs about one request per poll, not N. A round is sent once
 * every service that polls has asked, or one poll interval after the first ask, so a service
 * that stopped polling (a smoke check, its verdict) holds the others up at most once.
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  type DescribeServiceDeploymentsCommandOutput,
  type DescribeServicesCommandOutput,
  type ECSClient,
  type Failure,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import type { Clock } from '../clock.js';

/** DescribeServices: "You may specify up to 10 services"; DescribeServiceDeployments: "a maximum of 20 ARNs" (ECS API reference). */
const MAX_SERVICES_PER_REQUEST = 10;
const MAX_ARNS_PER_REQUEST = 20;

type Kind = 'service' | 'deployment';

interface Ask {
  member: string;
  kind: Kind;
  /** The service name or ARN, or the service deployment ARN. */
  key: string;
  resolve: (answer: unknown) => void;
  reject: (error: unknown) => void;
}

export interface SharedPollOptions {
  cluster: string;
  /** The release's services: at first each is expected to poll, so the first round waits for all of them. */
  members: string[];
  clock: Clock;
  /** The poll interval: the longest a round waits for the services that have not asked yet. */
  windowMs: number;
  /** The run's cancel: from then on every read goes out at once (a cancelled run has seconds left). */
  cancel: AbortSignal;
  /** Every service deployment a round read, for the member that asked. */
  onServiceDeployment?: (member: string, serviceDeployment: ServiceDeployment) => void;
}

function failureFor(failures: Failure[] | undefined, key: string): Failure[] {
  return (failures ?? []).filter((failure) => failure.arn === key || failure.arn?.endsWith(`/${key}`));
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let at = 0; at < items.length; at += size) result.push(items.slice(at, at + size));
  return result;
}

export class SharedPoll {
  private waiting: Ask[] = [];
  /** Services that poll: at first all, then those that asked within a poll interval. */
  private readonly polling: Set<string>;
  private window?: AbortController;

  constructor(
    private readonly ecs: ECSClient,
    private readonly options: SharedPollOptions,
  ) {
    this.polling = new Set(options.members);
  }

  /** The client a member's watch polls through; every other request goes straight to ECS. */
  clientFor(member: string): ECSClient {
    const send = ((command: Parameters<ECSClient['send']>[0], sendOptions?: { abortSignal?: AbortSignal }) => {
      const ask = this.askOf(command);
      if (!ask || this.options.cancel.aborted) return this.ecs.send(command, sendOptions);
      return this.enqueue(member, ask.kind, ask.key, sendOptions?.abortSignal);
    }) as ECSClient['send'];
    return Object.assign(Object.create(this.ecs) as ECSClient, { send });
  }

  /** The member stopped polling (its watch ended): the next round does not wait for it. */
  leave(member: string): void {
    this.polling.delete(member);
    if (this.waiting.length > 0 && this.everyoneAsked()) void this.round();
  }

  private askOf(command: Parameters<ECSClient['send']>[0]): { kind: Kind; key: string } | undefined {
    if (command instanceof DescribeServicesCommand) {
      const { cluster, services, include } = command.input;
      if (services?.length === 1 && !include?.length && cluster === this.options.cluster) return { kind: 'service', key: services[0] };
    }
    if (command instanceof DescribeServiceDeploymentsCommand) {
      const arns = command.input.serviceDeploymentArns;
      if (arns?.length === 1) return { kind: 'deployment', key: arns[0] };
    }
    return undefined;
  }

  private enqueue(member: string, kind: Kind, key: string, signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const ask: Ask = { member, kind, key, resolve, reject };
      const drop = (): void => {
        this.waiting = this.waiting.filter((other) => other !== ask);
        // Nobody left waiting: no round to time, and no timer to keep the process alive.
        if (this.waiting.length === 0) this.closeWindow();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', drop, { once: true });
      ask.resolve = (answer) => {
        signal?.removeEventListener('abort', drop);
        resolve(answer);
      };
      ask.reject = (error) => {
        signal?.removeEventListener('abort', drop);
        reject(error);
      };
      this.polling.add(member);
      this.waiting.push(ask);
      if (this.everyoneAsked()) void this.round();
      else if (!this.window) this.openWindow();
    });
  }

  private everyoneAsked(): boolean {
    return [...this.polling].every((member) => this.waiting.some((ask) => ask.member === member));
  }

  private closeWindow(): void {
    this.window?.abort();
    this.window = undefined;
  }

  private openWindow(): void {
    const window = new AbortController();
    this.window = window;
    void this.options.clock.sleep(this.options.windowMs, window.signal).then(() => {
      if (window.signal.aborted) return;
      // Whoever did not ask within a poll interval is not polling now; it rejoins when it asks again.
      for (const member of [...this.polling]) if (!this.waiting.some((ask) => ask.member === member)) this.polling.delete(member);
      void this.round();
    });
  }

  /** Sends the round's reads, one request per kind (per 10 services, per 20 ARNs), and answers each ask. */
  private async round(): Promise<void> {
    this.closeWindow();
    const asks = this.waiting;
    this.waiting = [];
    const services = asks.filter((ask) => ask.kind === 'service');
    const deployments = asks.filter((ask) => ask.kind === 'deployment');
    await Promise.all([
      ...chunks([...new Set(services.map((ask) => ask.key))], MAX_SERVICES_PER_REQUEST).map((keys) => this.describeServices(keys, services)),
      ...chunks([...new Set(deployments.map((ask) => ask.key))], MAX_ARNS_PER_REQUEST).map((keys) => this.describeDeployments(keys, deployments)),
    ]);
  }

  private async describeServices(keys: string[], asks: Ask[]): Promise<void> {
    const mine = asks.filter((ask) => keys.includes(ask.key));
    let answer: DescribeServicesCommandOutput;
    try {
      answer = await this.ecs.send(new DescribeServicesCommand({ cluster: this.options.cluster, services: keys }));
    } catch (error) {
      for (const ask of mine) ask.reject(error);
      return;
    }
    for (const ask of mine) {
      const found = answer.services?.find((service) => service.serviceName === ask.key || service.serviceArn === ask.key);
      ask.resolve({ $metadata: answer.$metadata, services: found ? [found] : [], failures: failureFor(answer.failures, ask.key) });
    }
  }

  private async describeDeployments(keys: string[], asks: Ask[]): Promise<void> {
    const mine = asks.filter((ask) => keys.includes(ask.key));
    let answer: DescribeServiceDeploymentsCommandOutput;
    try {
      answer = await this.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: keys }));
    } catch (error) {
      for (const ask of mine) ask.reject(error);
      return;
    }
    for (const ask of mine) {
      const found = answer.serviceDeployments?.find((sd) => sd.serviceDeploymentArn === ask.key);
      if (found) this.options.onServiceDeployment?.(ask.member, found);
      ask.resolve({ $metadata: answer.$metadata, serviceDeployments: found ? [found] : [], failures: failureFor(answer.failures, ask.key) });
    }
  }
}
