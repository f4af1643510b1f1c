/* dedeajax2 */
function DedeAjax(WiteOKFunc){ this.keys = Array(); }
