// Every message catalogue, imported once so render() knows every key wherever the app runs
// (server, CLI, workers). A module's catalogue lives next to it as `<module>.messages.ts`.
import './common.messages.ts';
import './states.messages.ts';
import '../modules/accounts/accounts.messages.ts';
import '../modules/challenges/challenges.messages.ts';
import '../modules/challenges/firewall.messages.ts';
import '../modules/evaluation/evaluation.messages.ts';
import '../modules/race/race.messages.ts';
import '../modules/audit/audit.messages.ts';
import '../modules/ethics/ethics.messages.ts';
import '../modules/funding/funding.messages.ts';
import '../modules/instruments/instruments.messages.ts';
import '../modules/integrity/integrity.messages.ts';
import '../shared/policy/policy.messages.ts';
import '../modules/home/home.messages.ts';
import '../modules/notifications/notifications.messages.ts';
import '../modules/transfer/transfer.messages.ts';
import '../modules/commissioners/commissioners.messages.ts';
import '../modules/insight/insight.messages.ts';
