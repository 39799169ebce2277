<?php
/**
 * Plugin Name: alma-suite test site
 * Description: What a test site on 127.0.0.1 needs that a production store gets from its hosting:
 * webhooks may reach the connector on a loopback address and any port, webhooks are delivered at
 * the end of the request that caused them (instead of a minute later by Action Scheduler), and no
 * e-mail is sent (there is no mail server). Loopback-only helper routes let the tests run due
 * Action Scheduler actions on demand.
 */

add_filter(
	'http_request_host_is_external',
	function ( $external, $host ) {
		return $external || '127.0.0.1' === $host || 'localhost' === $host;
	},
	10,
	2
);

add_filter(
	'http_allowed_safe_ports',
	function ( $ports, $host, $url ) {
		$port = wp_parse_url( $url, PHP_URL_PORT );
		if ( $port ) {
			$ports[] = (int) $port;
		}
		return $ports;
	},
	10,
	3
);

add_filter( 'woocommerce_webhook_deliver_async', '__return_false' );
add_filter( 'pre_wp_mail', '__return_true' );

// Test-only: run the Action Scheduler queue now, when asked from this machine.
add_action(
	'init',
	function () {
		if ( ! isset( $_GET['alma_suite_test_run_queue'] ) || '127.0.0.1' !== ( $_SERVER['REMOTE_ADDR'] ?? '' ) ) {
			return;
		}
		$ran = ActionScheduler_QueueRunner::instance()->run( 'alma-suite-test' );
		wp_send_json( array( 'ran' => $ran ) );
	},
	99
);
