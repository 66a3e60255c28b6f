/**
 * The abort reason with which a release stops watching one of its services (another one failed):
 * not a cancellation, so the watch ends without the cancel's last look and wording, and the
 * release then rolls the service back by the state it finds. A module of its own, so the release's
 * first phase can name it without loading the watch.
 */
export class WatchStopped extends Error {}
