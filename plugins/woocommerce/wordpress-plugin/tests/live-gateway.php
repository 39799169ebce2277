<?php
/**
 * Runs the real gateway class against a running connector, over HTTP (end-to-end tests spawn it).
 * Arguments come from the environment: HOME_URL (the store), CONNECTOR_URL, STORE_ID, SIGNING_SECRET,
 * ORDER_ID and ORDER_KEY, and for a refund ACTION=refund, REFUND_ID, AMOUNT. Prints the gateway's result as JSON.
 */

require __DIR__ . '/stand-ins.php';
alma_suite_load_plugin();

$GLOBALS['wp_options']['home']                            = getenv( 'HOME_URL' ) ?: 'https://shop.test';
$GLOBALS['wp_options']['woocommerce_alma_suite_settings'] = array(
	'enabled'        => 'yes',
	'connector_url'  => getenv( 'CONNECTOR_URL' ),
	'store_id'       => getenv( 'STORE_ID' ),
	'signing_secret' => getenv( 'SIGNING_SECRET' ),
);
$order_id = (int) getenv( 'ORDER_ID' );
$order    = new WC_Order( $order_id, (string) getenv( 'ORDER_KEY' ) );
if ( 'refund' === getenv( 'ACTION' ) ) {
	$refund         = new WC_Order_Refund( (int) getenv( 'REFUND_ID' ), (string) getenv( 'AMOUNT' ), $order_id );
	$order->refunds = array( $refund );
	do_action( 'woocommerce_create_refund', $refund, array() ); // as wc_create_refund does before saving it
}
$GLOBALS['wc_orders'][ $order_id ] = $order;

$gateway = new Alma_Suite_Gateway();
if ( 'refund' === getenv( 'ACTION' ) ) {
	$result = $gateway->process_refund( $order_id, (string) getenv( 'AMOUNT' ), 'e2e' );
	echo json_encode( is_wp_error( $result ) ? array( 'error' => $result->get_error_message() ) : array( 'refunded' => $result ) ), "\n";
} else {
	$result = $gateway->process_payment( $order_id );
	echo json_encode( array( 'result' => $result, 'notices' => $GLOBALS['wc_notices'] ) ), "\n";
}
