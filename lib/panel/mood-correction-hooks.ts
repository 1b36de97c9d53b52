/** The settings page's hooks for the stored "Mood wrong?" corrections: how many, export, delete all. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sendToExtension } from '../messaging';
import { queryKeys } from '../queries';
import { countMoodCorrections, exportMoodCorrections } from './mood-corrections';

/** How many corrections are stored (fresh again whenever the settings page regains focus). */
export function useMoodCorrectionCount() {
  return useQuery({ queryKey: queryKeys.moodCorrections(), queryFn: countMoodCorrections });
}

/** Builds the export file (`null`: nothing to export). */
export function useExportMoodCorrections() {
  return useMutation({ mutationFn: () => exportMoodCorrections() });
}

/** Deletes every correction through the background, which also takes them back in open tabs. */
export function useDeleteMoodCorrections() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendToExtension('deleteMoodCorrections', {}),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.moodCorrections() }),
  });
}
