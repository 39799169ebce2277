<?php
/**
 * Stand-ins for the WordPress and WooCommerce API the plugin touches, just enough to run it under
 * php-cli: hooks are recorded, options come from an array, orders are plain objects, and
 * wp_remote_post either goes to a test double ($GLOBALS['alma_suite_http']) or, when none is set,
 * really sends the request with PHP's HTTP stream wrapper.
 */

namespace Automattic\WooCommerce\Blocks\Payments\Integrations {
	abstract class AbstractPaymentMethodType {
		protected $name     = '';
		protected $settings = array();
		public function get_name() {
			return $this->name;
		}
	}
}

namespace Automattic\WooCommerce\Utilities {
	class FeaturesUtil {
		public static $declared = array();
		public static function declare_compatibility( $feature, $file, $ok ) {
			self::$declared[ $feature ] = $ok;
		}
	}
}

namespace {
	define( 'ABSPATH', __DIR__ . '/' );

	$GLOBALS['wp_hooks']          = array();
	$GLOBALS['wp_options']        = array();
	$GLOBALS['wc_notices']        = array();
	$GLOBALS['wc_orders']         = array();
	$GLOBALS['wp_scripts']        = array();
	$GLOBALS['wc_currency']       = 'EUR';
	$GLOBALS['alma_suite_http']   = null;

	function add_action( $hook, $callback, $priority = 10, $args = 1 ) {
		$GLOBALS['wp_hooks'][ $hook ][] = $callback;
		return true;
	}
	function add_filter( $hook, $callback, $priority = 10, $args = 1 ) {
		return add_action( $hook, $callback, $priority, $args );
	}
	function do_action( $hook, ...$args ) {
		foreach ( $GLOBALS['wp_hooks'][ $hook ] ?? array() as $callback ) {
			$callback( ...$args );
		}
	}
	function apply_filters( $hook, $value, ...$args ) {
		foreach ( $GLOBALS['wp_hooks'][ $hook ] ?? array() as $callback ) {
			$value = $callback( $value, ...$args );
		}
		return $value;
	}
	function __( $text, $domain = 'default' ) {
		return $text;
	}
	function get_locale() {
		return $GLOBALS['wp_locale'] ?? 'fr_FR';
	}
	function plugin_basename( $file ) {
		return basename( dirname( $file ) ) . '/' . basename( $file );
	}
	function load_plugin_textdomain( $domain, $deprecated = false, $path = false ) {
		$GLOBALS['wp_textdomains'][ $domain ] = $path;
		return true;
	}
	function get_option( $name, $default = false ) {
		return $GLOBALS['wp_options'][ $name ] ?? $default;
	}
	function wp_json_encode( $data ) {
		return json_encode( $data );
	}
	function esc_url_raw( $url ) {
		return filter_var( $url, FILTER_VALIDATE_URL ) ? $url : '';
	}
	function untrailingslashit( $text ) {
		return rtrim( $text, '/\\' );
	}
	function wc_format_decimal( $number, $dp = false ) {
		return false === $dp ? (string) $number : number_format( (float) $number, $dp, '.', '' );
	}
	function wc_add_notice( $message, $type = 'success' ) {
		$GLOBALS['wc_notices'][] = array( $type, $message );
	}
	function wc_get_order( $id ) {
		return $GLOBALS['wc_orders'][ $id ] ?? false;
	}
	function get_woocommerce_currency() {
		return $GLOBALS['wc_currency'];
	}
	function plugins_url( $path, $file ) {
		return 'https://shop.test/wp-content/plugins/alma-suite-woocommerce/' . $path;
	}
	function wp_register_script( $handle, $src, $deps, $ver, $footer ) {
		$GLOBALS['wp_scripts'][ $handle ] = compact( 'src', 'deps', 'ver' );
		return true;
	}
	function is_wp_error( $thing ) {
		return $thing instanceof WP_Error;
	}
	function wp_remote_retrieve_response_code( $response ) {
		return $response['response']['code'];
	}
	function wp_remote_retrieve_body( $response ) {
		return $response['body'];
	}
	function wp_remote_post( $url, $args ) {
		if ( is_callable( $GLOBALS['alma_suite_http'] ) ) {
			return ( $GLOBALS['alma_suite_http'] )( $url, $args );
		}
		$headers = '';
		foreach ( $args['headers'] as $name => $value ) {
			$headers .= "$name: $value\r\n";
		}
		$context = stream_context_create(
			array(
				'http' => array(
					'method'        => 'POST',
					'header'        => $headers,
					'content'       => $args['body'],
					'timeout'       => $args['timeout'],
					'ignore_errors' => true,
				),
			)
		);
		$body = @file_get_contents( $url, false, $context );
		if ( false === $body ) {
			return new WP_Error( 'http_request_failed', 'could not reach ' . $url );
		}
		preg_match( '/^HTTP\/\S+ (\d{3})/', $http_response_header[0] ?? '', $match );
		return array( 'response' => array( 'code' => (int) ( $match[1] ?? 0 ) ), 'body' => $body );
	}

	class WP_Error {
		private $code;
		private $message;
		public function __construct( $code = '', $message = '' ) {
			$this->code    = $code;
			$this->message = $message;
		}
		public function get_error_message() {
			return $this->message;
		}
		public function get_error_code() {
			return $this->code;
		}
	}

	/** The part of WC_Payment_Gateway the plugin uses: settings from the option, availability. */
	abstract class WC_Payment_Gateway {
		public $id;
		public $title;
		public $description;
		public $method_title;
		public $method_description;
		public $has_fields;
		public $enabled     = 'no';
		public $supports    = array( 'products' );
		public $form_fields = array();
		public $settings    = array();

		public function init_settings() {
			$saved = get_option( 'woocommerce_' . $this->id . '_settings', array() );
			foreach ( $this->form_fields as $key => $field ) {
				$this->settings[ $key ] = $saved[ $key ] ?? ( $field['default'] ?? '' );
			}
			$this->enabled = $this->settings['enabled'] ?? 'no';
		}
		public function get_option( $key, $empty_value = null ) {
			return $this->settings[ $key ] ?? ( $this->form_fields[ $key ]['default'] ?? '' );
		}
		public function is_available() {
			return 'yes' === $this->enabled;
		}
		/** The cart's (or the order-pay page's) total; 0 outside a checkout. */
		protected function get_order_total() {
			return (float) ( $GLOBALS['wc_order_total'] ?? 0 );
		}
		public function supports( $feature ) {
			return in_array( $feature, $this->supports, true );
		}
		public function get_return_url( $order ) {
			return get_option( 'home', 'https://shop.test' ) . '/checkout/order-received/' . $order->get_id() . '/?key=' . $order->get_order_key();
		}
		public function process_admin_options() {
			return true;
		}
	}

	class WC_Order_Refund {
		private $id;
		private $amount;
		private $parent_id;
		public function __construct( $id, $amount, $parent_id = 0 ) {
			$this->id        = $id;
			$this->amount    = $amount;
			$this->parent_id = $parent_id;
		}
		public function get_id() {
			return $this->id;
		}
		public function get_parent_id() {
			return $this->parent_id;
		}
		public function get_amount() {
			return $this->amount;
		}
	}

	class WC_Order {
		private $id;
		private $key;
		public $refunds = array();
		public function __construct( $id, $key ) {
			$this->id  = $id;
			$this->key = $key;
		}
		public function get_id() {
			return $this->id;
		}
		public function get_order_key() {
			return $this->key;
		}
		/** Newest first, as WooCommerce returns them. */
		public function get_refunds() {
			return $this->refunds;
		}
		public function get_checkout_payment_url() {
			return get_option( 'home', 'https://shop.test' ) . '/checkout/order-pay/' . $this->id . '/?pay_for_order=true&key=' . $this->key;
		}
	}

	/** Loads the plugin as WordPress would, then fires the hooks WooCommerce fires. */
	function alma_suite_load_plugin() {
		require_once dirname( __DIR__ ) . '/alma-suite-woocommerce.php';
		do_action( 'before_woocommerce_init' );
		do_action( 'plugins_loaded' );
		do_action( 'woocommerce_blocks_loaded' );
		do_action( 'init' );
	}
}
