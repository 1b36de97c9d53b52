import { AppError } from '../../lib/errors';
import { handleMessages } from '../../lib/messaging';

handleMessages({
  analyzeConversation() {
    throw new AppError('model/not-ready', 'The mood model is being wired in.');
  },
});
