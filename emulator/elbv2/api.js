// @ts-check
/**
 * The Elastic Load Balancing v2 operations a deploy tool reads about its target groups:
 * DescribeTargetGroups, DescribeTargetGroupAttributes and DescribeTargetHealth (Elastic Load
 * Balancing API reference, version 2015-12-01), answered with the members the API reference
 * names, in the PascalCase the awsQuery protocol uses (query.js writes them as XML).
 */
import { ApiError } from '../core/errors.js';
import { NOT_REGISTERED } from './target-groups.js';

/** API reference, "Common Errors" and each operation's "Errors". */
const notFound = () => new ApiError(400, 'TargetGroupNotFound', 'One or more target groups not found');
/** @param {string} message */
const validation = (message) => new ApiError(400, 'ValidationError', message);

/** DescribeTargetGroups PageSize: 1-400. */
const MAX_PAGE = 400;

export class ElbApi {
  /** @param {import('./target-groups.js').TargetGroups} groups */
  constructor(groups) {
    this.groups = groups;
  }

  /** @param {string} operation @returns {((input: any) => any) | undefined} */
  handler(operation) {
    const table = /** @type {Record<string, (input: any) => any>} */ ({
      DescribeTargetGroups: (i) => this.describeTargetGroups(i),
      DescribeTargetGroupAttributes: (i) => this.describeTargetGroupAttributes(i),
      DescribeTargetHealth: (i) => this.describeTargetHealth(i),
    });
    return table[operation];
  }

  /**
   * By ARNs, by names, or by load balancer; all groups without a filter; paged with Marker.
   * @param {{ TargetGroupArns?: string[], Names?: string[], LoadBalancerArn?: string, Marker?: string, PageSize?: string }} input
   */
  describeTargetGroups(input) {
    const filters = [input.TargetGroupArns, input.Names, input.LoadBalancerArn].filter((f) => f !== undefined);
    if (filters.length > 1) throw validation('A load balancer ARN, target group ARNs, or target group names can be specified, but not more than one of these');
    const all = [...this.groups.groups.values()];
    let found = all;
    if (input.TargetGroupArns) found = input.TargetGroupArns.map((arn) => this.group(arn));
    if (input.Names) found = input.Names.map((name) => all.find((g) => g.name === name) ?? throwNotFound());
    if (input.LoadBalancerArn) found = all.filter((g) => g.loadBalancerArns.includes(input.LoadBalancerArn ?? ''));
    const size = input.PageSize === undefined ? MAX_PAGE : Number(input.PageSize);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw validation(`PageSize must be between 1 and ${MAX_PAGE}`);
    const start = input.Marker ? Number(Buffer.from(input.Marker, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw validation('Invalid Marker');
    const page = found.slice(start, start + size);
    const next = start + size < found.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
    return { TargetGroups: page.map(targetGroupView), ...(next ? { NextMarker: next } : {}) };
  }

  /** @param {{ TargetGroupArn?: string }} input */
  describeTargetGroupAttributes(input) {
    const group = this.group(input.TargetGroupArn);
    // "Edit target group attributes" (ALB User Guide): the attributes of an ip target group and their defaults.
    const attributes = {
      'deregistration_delay.timeout_seconds': String(group.deregistrationDelaySeconds),
      'stickiness.enabled': 'false',
      'stickiness.type': 'lb_cookie',
      'stickiness.lb_cookie.duration_seconds': '86400',
      'load_balancing.algorithm.type': 'round_robin',
      'slow_start.duration_seconds': '0',
    };
    return { Attributes: Object.entries(attributes).map(([Key, Value]) => ({ Key, Value })) };
  }

  /**
   * Every registered target (draining ones too), or the targets asked for: one that is not
   * registered is `unused` with Target.NotRegistered (API reference, "TargetHealth").
   * @param {{ TargetGroupArn?: string, Targets?: { Id?: string, Port?: string }[] }} input
   */
  describeTargetHealth(input) {
    const group = this.group(input.TargetGroupArn);
    const registered = [...group.targets.values()];
    const descriptions = input.Targets
      ? input.Targets.map((asked) => {
        const port = asked.Port === undefined ? group.port : Number(asked.Port);
        return registered.find((t) => t.id === asked.Id && t.port === port) ?? { id: asked.Id ?? '', port, state: 'unused', ...NOT_REGISTERED };
      })
      : registered;
    return {
      TargetHealthDescriptions: descriptions.map((t) => ({
        Target: { Id: t.id, Port: t.port },
        HealthCheckPort: group.healthCheck.port === 'traffic-port' ? String(t.port) : group.healthCheck.port,
        TargetHealth: { State: t.state, ...(t.reason ? { Reason: t.reason, Description: t.description } : {}) },
      })),
    };
  }

  /** @param {string | undefined} arn */
  group(arn) {
    if (!arn) throw validation("1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
    return this.groups.find(arn) ?? throwNotFound();
  }
}

/** @returns {never} */
function throwNotFound() {
  throw notFound();
}

/** The TargetGroup data type. @param {import('./target-groups.js').TargetGroup} g */
function targetGroupView(g) {
  const hc = g.healthCheck;
  return {
    TargetGroupArn: g.arn,
    TargetGroupName: g.name,
    Protocol: g.protocol,
    Port: g.port,
    VpcId: g.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
    HealthCheckPath: hc.path,
    Matcher: { HttpCode: hc.matcher },
    LoadBalancerArns: g.loadBalancerArns,
    TargetType: g.targetType,
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  };
}
