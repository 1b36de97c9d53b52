/** States that tell the agent what to do next: no conversation open, a hidden badge, models to skip, failed downloads. */
export const en = {
  'states.openConversation': 'Open a conversation to see the customer’s mood',
  'states.badgeHidden': 'Hidden on this site',
  'states.undo': 'Undo',
  'states.retry': 'Retry',
  'states.softwareAdapter':
    '{model} is offered as the smallest model, not a recommendation: this computer’s only WebGPU adapter is software-rendered (no graphics card), so drafting will be very slow. Templates work without it.',
} as const satisfies Record<string, string>;
export const de: { [K in keyof typeof en]: string } = {
  'states.openConversation': 'Öffnen Sie eine Unterhaltung, um die Stimmung der Kundschaft zu sehen',
  'states.badgeHidden': 'Auf dieser Website ausgeblendet',
  'states.undo': 'Rückgängig',
  'states.retry': 'Erneut versuchen',
  'states.softwareAdapter':
    '{model} wird als kleinstes Modell angeboten, nicht als Empfehlung: Der einzige WebGPU-Adapter dieses Computers rechnet nur in Software (keine Grafikkarte), daher entstehen Entwürfe sehr langsam. Vorlagen funktionieren auch ohne.',
};
