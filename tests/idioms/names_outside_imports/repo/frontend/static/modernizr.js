window.Modernizr = {};
