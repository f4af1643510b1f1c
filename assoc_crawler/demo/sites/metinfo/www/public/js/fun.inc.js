/* MetInfo helper functions (demo) */
function fontZoom(s){document.getElementById('shownews').style.fontSize=s+'px';}
