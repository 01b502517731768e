/** Entry of the /kiosk/ page: defines <luot-kiosk> and its parts. */
import './kiosk-app.js';
