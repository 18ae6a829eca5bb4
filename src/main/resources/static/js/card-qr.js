// The counter's card check: reads the card's QR code from the camera with html5-qrcode (zxing-js,
// served from the platform, no CDN) and posts its text with the form. Browsers open the camera only
// on a secure page: https, or http://localhost.
(function () {
    var start = document.getElementById('camera-start');
    var form = document.getElementById('qr-form');
    if (!start || !form) {
        return;
    }
    function unavailable() {
        document.getElementById('camera-problem').hidden = false;
    }
    start.addEventListener('click', function () {
        if (!window.isSecureContext || !navigator.mediaDevices || typeof Html5Qrcode === 'undefined') {
            unavailable();
            return;
        }
        var scanner = new Html5Qrcode('camera-view');
        start.disabled = true;
        scanner.start({facingMode: 'environment'}, {fps: 10, qrbox: 250}, function (text) {
            scanner.stop().finally(function () {
                form.querySelector('textarea[name=qr]').value = text;
                form.querySelector('input[name=photo]').value = '';
                form.submit();
            });
        }, function () { /* no code in this frame yet */ }).catch(function () {
            start.disabled = false;
            unavailable();
        });
    });
})();
