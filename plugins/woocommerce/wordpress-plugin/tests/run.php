<?php
/**
 * The gateway's tests, run with php-cli (npm test runs them from wordpress-plugin.test.ts).
 * Prints TAP-like lines and exits 1 when a check fails.
 */

require __DIR__ . '/stand-ins.php';
alma_suite_load_plugin();

$failures = 0;
$count    = 0;
function check( $name, $condition, $detail = '' ) {
	global $failures, $count;
	$count++;
	if ( $condition ) {
		echo "ok $count - $name\n";
	} else {
		$failures++;
		echo "not ok $count - $name" . ( '' !== $detail ? " ($detail)" : '' ) . "\n";
	}
}

function configure( array $settings = array() ) {
	$GLOBALS['wp_options']['woocommerce_alma_suite_settings'] = array_merge(
		array(
			'enabled'        => 'yes',
			'connector_url'  => 'https://connector.test/',
			'store_id'       => 'ten_abc',
			'signing_secret' => 'gws_test_secret',
		),
		$settings
	);
	return new Alma_Suite_Gateway();
}

/** Captures the connector call and answers with $status and $json. */
function connector_answers( $status, $json, &$captured ) {
	$GLOBALS['alma_suite_http'] = function ( $url, $args ) use ( $status, $json, &$captured ) {
		$captured = array( 'url' => $url, 'args' => $args );
		return array( 'response' => array( 'code' => $status ), 'body' => is_string( $json ) ? $json : json_encode( $json ) );
	};
}

// Registration.
$gateways = apply_filters( 'woocommerce_payment_gateways', array() );
check( 'registers the gateway class with WooCommerce', array( 'Alma_Suite_Gateway' ) === $gateways );
check( 'loads its translations from its languages folder', 'wordpress-plugin/languages' === ( $GLOBALS['wp_textdomains']['alma-suite'] ?? null ) );
check( 'declares HPOS and block checkout compatibility', array( 'custom_order_tables' => true, 'cart_checkout_blocks' => true ) === \Automattic\WooCommerce\Utilities\FeaturesUtil::$declared );
$gateway = configure();
check( 'is the alma_suite gateway, titled for customers, supporting refunds', 'alma_suite' === $gateway->id && 'Pay in instalments with Alma' === $gateway->title && $gateway->supports( 'refunds' ) );
check( 'has the connector settings and the plan\'s limits', array( 'enabled', 'title', 'description', 'connector_url', 'store_id', 'signing_secret', 'min_amount', 'max_amount' ) === array_keys( $gateway->form_fields ) );
check( 'is available when configured and the shop sells in EUR', true === $gateway->is_available() );
check( 'is not available without a signing secret', false === configure( array( 'signing_secret' => '' ) )->is_available() );
$GLOBALS['wc_currency'] = 'USD';
check( 'is not available in another currency', false === configure()->is_available() );
$GLOBALS['wc_currency'] = 'EUR';
$GLOBALS['wc_order_total'] = 49.99;
check( 'is not available below the plan\'s minimum', false === configure( array( 'min_amount' => '50.00', 'max_amount' => '2000.00' ) )->is_available() );
$GLOBALS['wc_order_total'] = 50.0;
check( 'is available from the minimum', true === configure( array( 'min_amount' => '50.00', 'max_amount' => '2000.00' ) )->is_available() );
$GLOBALS['wc_order_total'] = 2000.01;
check( 'is not available above the maximum', false === configure( array( 'min_amount' => '50.00', 'max_amount' => '2000.00' ) )->is_available() );
unset( $GLOBALS['wc_order_total'] );
configure();

// The signature, against the fixed vector the connector's tests check too.
check(
	'signs v1:<timestamp>:<action>:<body> as the connector expects',
	'a09788bfb40dba998272e735e7fc26abf85e1fa670a2ccf3aeba6c28f0937f6f' === hash_hmac( 'sha256', 'v1:1800000000:payments:{"order_id":1}', 'gws_test_secret' )
);

// process_payment.
$GLOBALS['wc_orders'][1042] = new WC_Order( 1042, 'wc_order_K3y' );
$gateway                    = configure();
$captured                   = null;
connector_answers( 200, array( 'redirect_url' => 'https://pay.alma.test/checkout/payment_11abc', 'alma_payment_id' => 'payment_11abc' ), $captured );
$result = $gateway->process_payment( 1042 );
check( 'process_payment redirects to the Alma page the connector returned', array( 'result' => 'success', 'redirect' => 'https://pay.alma.test/checkout/payment_11abc' ) === $result );
check( 'calls the store gateway endpoint of the connector', 'https://connector.test/woocommerce/gateway/ten_abc/payments' === $captured['url'], $captured['url'] );
$sent    = json_decode( $captured['args']['body'], true );
$headers = $captured['args']['headers'];
check(
	'sends the order id and key, the thank-you and pay-again URLs, nothing about the amount',
	array(
		'order_id'   => 1042,
		'order_key'  => 'wc_order_K3y',
		'return_url' => 'https://shop.test/checkout/order-received/1042/?key=wc_order_K3y',
		'cancel_url' => 'https://shop.test/checkout/order-pay/1042/?pay_for_order=true&key=wc_order_K3y',
		'locale'     => 'fr_FR',
	) === $sent
);
$expected = hash_hmac( 'sha256', 'v1:' . $headers['X-Alma-Suite-Timestamp'] . ':payments:' . $captured['args']['body'], 'gws_test_secret' );
check( 'signs the exact body it sends', hash_equals( $expected, $headers['X-Alma-Suite-Signature'] ) );
check( 'timestamps the call with the current time', abs( time() - (int) $headers['X-Alma-Suite-Timestamp'] ) <= 2 );
// For the connector's side of the check (wordpress-plugin.test.ts verifies this call with its own verifier).
echo '# signed-call ', json_encode( array( 'body' => $captured['args']['body'], 'headers' => $headers ) ), "\n";
$GLOBALS['wp_locale'] = 'en_GB';
configure()->process_payment( 1042 );
check( 'sends the site\'s locale, so Alma\'s page speaks the shop\'s language', 'en_GB' === json_decode( $captured['args']['body'], true )['locale'] );
unset( $GLOBALS['wp_locale'] );

connector_answers( 422, array( 'error' => 'Alma cannot offer general_3_0_0 for 1000 cents', 'reason' => 'not_eligible' ), $captured );
$GLOBALS['wc_notices'] = array();
$result                = $gateway->process_payment( 1042 );
check( 'process_payment fails with the connector\'s reason as a checkout notice', array( 'result' => 'failure' ) === $result && array( array( 'error', 'Alma cannot take this payment: Alma cannot offer general_3_0_0 for 1000 cents' ) ) === $GLOBALS['wc_notices'] );
$GLOBALS['alma_suite_http'] = function () {
	return new WP_Error( 'http_request_failed', 'cURL error 28: timed out' );
};
$GLOBALS['wc_notices'] = array();
check( 'process_payment fails cleanly when the connector is unreachable', array( 'result' => 'failure' ) === $gateway->process_payment( 1042 ) && false !== strpos( $GLOBALS['wc_notices'][0][1], 'timed out' ) );
connector_answers( 502, '<html>Bad gateway</html>', $captured );
$GLOBALS['wc_notices'] = array();
check( 'process_payment fails on a non-JSON answer', array( 'result' => 'failure' ) === $gateway->process_payment( 1042 ) && false !== strpos( $GLOBALS['wc_notices'][0][1], 'HTTP 502' ) );
check( 'process_payment fails for an unknown order', array( 'result' => 'failure' ) === $gateway->process_payment( 999 ) );

// process_refund.
$order          = new WC_Order( 1043, 'wc_order_R' );
// The order lists an older refund first (dated later); WooCommerce is creating 1051 (wc_create_refund
// fires woocommerce_create_refund with it, saves it, then calls process_refund).
$order->refunds = array( new WC_Order_Refund( 1049, '10', 1043 ), new WC_Order_Refund( 1051, '25.5', 1043 ) );
$GLOBALS['wc_orders'][1043] = $order;
do_action( 'woocommerce_create_refund', new WC_Order_Refund( 1051, '25.5', 1043 ), array() );
connector_answers( 200, array( 'success' => true, 'alma_refund_id' => 'refund_11x' ), $captured );
$result = $gateway->process_refund( 1043, '25.5', 'Rayure' );
check( 'process_refund returns true when Alma refunded', true === $result );
check( 'sends the refund WooCommerce is creating (not the first one the order lists) with its amount to the cent', array( 'order_id' => 1043, 'refund_id' => 1051, 'amount' => '25.50', 'reason' => 'Rayure' ) === json_decode( $captured['args']['body'], true ) );
check( 'posts refunds to the refunds action, signed for it', 'https://connector.test/woocommerce/gateway/ten_abc/refunds' === $captured['url'] && hash_equals( hash_hmac( 'sha256', 'v1:' . $captured['args']['headers']['X-Alma-Suite-Timestamp'] . ':refunds:' . $captured['args']['body'], 'gws_test_secret' ), $captured['args']['headers']['X-Alma-Suite-Signature'] ) );
check( 'a second process_refund without a new refund being created sends nothing', is_wp_error( $gateway->process_refund( 1043, '25.5', '' ) ) );
do_action( 'woocommerce_create_refund', new WC_Order_Refund( 1052, '25.5', 1043 ), array() );
connector_answers( 422, array( 'error' => 'only 1000 cents can still be refunded' ), $captured );
$result = $gateway->process_refund( 1043, '25.5', '' );
check( 'process_refund returns the connector\'s refusal as a WP_Error (WooCommerce then deletes its refund)', is_wp_error( $result ) && 'only 1000 cents can still be refunded' === $result->get_error_message() );
$GLOBALS['wc_orders'][1044] = new WC_Order( 1044, 'k' );
check( 'process_refund refuses when WooCommerce is not creating a refund for the order', is_wp_error( $gateway->process_refund( 1044, '1', '' ) ) );

// Block checkout.
$registered = array();
$registry   = new class( $registered ) {
	private $list;
	public function __construct( &$list ) {
		$this->list = &$list;
	}
	public function register( $method ) {
		$this->list[] = $method;
	}
};
do_action( 'woocommerce_blocks_payment_method_type_registration', $registry );
$blocks = $registered[0] ?? null;
check( 'registers the block checkout integration', $blocks instanceof Alma_Suite_Blocks && 'alma_suite' === $blocks->get_name() );
$GLOBALS['wp_options']['woocommerce_alma_suite_settings'] = array( 'enabled' => 'yes', 'title' => 'Payez en 3x avec Alma', 'description' => 'Par carte' );
$blocks->initialize();
check( 'is not active in the block checkout when enabled but not connected (as is_available)', false === $blocks->is_active() );
configure( array( 'title' => 'Payez en 3x avec Alma', 'description' => 'Par carte' ) );
$blocks->initialize();
check( 'is active in the block checkout when enabled and connected', true === $blocks->is_active() );
$GLOBALS['wc_currency'] = 'USD';
check( 'is not active in the block checkout in another currency', false === $blocks->is_active() );
$GLOBALS['wc_currency'] = 'EUR';
check( 'gives the block checkout its title and description', array( 'title' => 'Payez en 3x avec Alma', 'description' => 'Par carte', 'supports' => array( 'products', 'refunds' ) ) === $blocks->get_payment_method_data() );
check( 'registers the block script from the plugin', array( 'alma-suite-blocks' ) === $blocks->get_payment_method_script_handles() && false !== strpos( $GLOBALS['wp_scripts']['alma-suite-blocks']['src'], 'assets/js/alma-suite-blocks.js' ) );

echo "1..$count\n";
echo $failures ? "# $failures failed\n" : "# all passed\n";
exit( $failures ? 1 : 0 );
