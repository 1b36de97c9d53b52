document.title = 'Rapport panel';
