/**
 * Chrome builds: the offscreen document owns the inference worker, so the background has no local host. Swapped in
 * for `local-analysis-host.ts` by wxt.config.ts; never called (the background only uses it when FIREFOX is set).
 */
import { AppError } from '../errors';
import type * as LocalHost from './local-analysis-host';

const noLocalHost = (): Promise<never> =>
  Promise.reject(new AppError('model/no-local-host', 'The analysis worker runs in the offscreen document.'));

export const analyzeConversationLocally: typeof LocalHost.analyzeConversationLocally = noLocalHost;
export const analyzeDraftLocally: typeof LocalHost.analyzeDraftLocally = noLocalHost;
export const warmUpLocally: typeof LocalHost.warmUpLocally = noLocalHost;
export const localMoodModelHandlers: typeof LocalHost.localMoodModelHandlers = {
  selectMoodModel: noLocalHost,
  getMoodModelState: noLocalHost,
};
