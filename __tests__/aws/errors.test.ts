/** awsFailure's wording: what was attempted, what AWS said as a sentence, then the hint that fits the error. */
import { describe, expect, it } from '@jest/globals';
import { awsFailure } from '../../src/aws/errors.js';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe('awsFailure', () => {
  it.each([
    ['a message without a full stop gets one before the hint', 'Rate exceeded', 'Rate exceeded. Hint.'],
    ['a message ending a sentence keeps its own', 'Cluster not found.', 'Cluster not found. Hint.'],
    ['a question stays a question', 'Is the role valid?', 'Is the role valid? Hint.'],
    ['a closing parenthesis after the full stop', '(Service: ECS.)', '(Service: ECS.) Hint.'],
    ['a closing parenthesis without one', 'Task failed (target-group web-tg)', 'Task failed (target-group web-tg). Hint.'],
  ])('%s', (_case, message, said) => {
    expect(awsFailure('do it', awsError('ClientException', message), 'Hint.').message).toBe(`Could not do it: ClientException: ${said}`);
  });

  it('adds nothing after a message that has no hint', () => {
    expect(awsFailure('do it', awsError('ClientException', 'Role is not valid')).message).toBe('Could not do it: ClientException: Role is not valid');
  });

  it.each([
    ['no credentials at all', 'CredentialsProviderError', 'Could not load credentials from any providers', 'Could not load credentials from any providers. No AWS credentials were found: add aws-actions/configure-aws-credentials before this step'],
    ['expired credentials', 'ExpiredTokenException', 'The security token included in the request is expired', 'The security token included in the request is expired. The AWS credentials are invalid or expired: refresh them'],
  ])('words %s with the fix for it', (_case, name, message, start) => {
    expect(awsFailure('describe service web', awsError(name, message)).message).toMatch(new RegExp(`^Could not describe service web: ${name}: ${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
