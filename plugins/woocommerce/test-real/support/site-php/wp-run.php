<?php
/**
 * Runs PHP code (read from stdin) inside the test site: `php wp-run.php <site dir> [installing]`.
 * The code ends with `return <value>;`; its value is printed as JSON on the last line.
 * Test-only; this is how the harness installs the site and reads WooCommerce's own view of it.
 */
$site = $argv[1];
if ( isset( $argv[2] ) && 'installing' === $argv[2] ) {
	define( 'WP_INSTALLING', true );
}
$_SERVER['HTTP_HOST']   = parse_url( getenv( 'ALMA_SUITE_SITE_URL' ), PHP_URL_HOST ) . ':' . parse_url( getenv( 'ALMA_SUITE_SITE_URL' ), PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$alma_suite_code   = stream_get_contents( STDIN );
$alma_suite_result = ( function () use ( $alma_suite_code ) {
	return eval( $alma_suite_code );
} )();
echo "\n" . wp_json_encode( $alma_suite_result ) . "\n";
