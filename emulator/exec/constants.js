// @ts-check
// Timings, limits and fixed texts of the agent and the SSM service side of a session.
/** Input before the agent's pty exists is dropped unacknowledged (the client must resend). */
export const PTY_START_DELAY_MS = 100;
/** The agent's StreamDataPayloadSize. */
export const OUTPUT_CHUNK_BYTES = 1024;
/** The agent waits this long for its outgoing buffer to empty before the session closes. */
export const DRAIN_LIMIT_MS = 2000;
export const RESEND_TICK_MS = 100;
export const REORDER_HOLD_MS = 150;
export const DEFAULT_RESEND_MS = 1000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 15000;
export const DEFAULT_IDLE_SECONDS = 1200;
export const AGENT_VERSION = '3.3.1802.0';
export const HOST_PATH = ['/usr/local/bin', '/usr/bin', '/bin'];
export const IDLE_OUTPUT = 'Your session timed out due to inactivity and has been terminated.';
export const HANDSHAKE_TIMEOUT_OUTPUT = 'Handshake timed out. Please ensure that you have the latest version of the session manager plugin.';
export const CHALLENGE_TIMEOUT_OUTPUT = 'Timed out waiting for encryption challenge.';
export const KMS_CUSTOMER_MESSAGE = 'This session is encrypted using AWS KMS.';
export const WS_NORMAL = 1000;
export const WS_POLICY_VIOLATION = 1008;
